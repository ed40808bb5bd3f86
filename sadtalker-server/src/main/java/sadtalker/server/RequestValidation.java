package sadtalker.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import sadtalker.InputCheck;

/**
 * Turns a request body into a valid {@link GenerateRequest} or into the list of everything wrong
 * with it: JSON syntax, shape, unknown fields and types first, then the Bean Validation
 * constraints of the record.
 */
final class RequestValidation {
    /** One problem with one field ({@code field} is {@code "body"} for the body as a whole). */
    record Violation(String field, String message) {}

    /** Either a request or the violations that prevent it. */
    record Outcome(GenerateRequest request, List<Violation> violations) {
        boolean valid() {
            return violations.isEmpty();
        }
    }

    // Strict: trailing tokens (two objects in a row, garbage after the object) and duplicate keys are
    // refused rather than silently resolved to the first object or the last value.
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final Validator validator;
    private final InputRoots roots;
    private final WebhookPolicy webhooks;

    /**
     * Checks files with the limits of an engine of default options, which the server's is: no flag
     * changes the audio limit or the image limits.
     */
    RequestValidation(InputRoots roots) {
        this(roots, WebhookPolicy.off());
    }

    RequestValidation(InputRoots roots, WebhookPolicy webhooks) {
        InputCheck check = InputCheck.defaults();
        this.roots = roots;
        this.webhooks = webhooks;
        ConstraintValidatorFactory factory = new ConstraintValidatorFactory() {
            @Override
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                if (key == InputFileValidator.class) {
                    return key.cast(new InputFileValidator(roots, check));
                }
                try {
                    return key.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + key, e);
                }
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                // stateless
            }
        };
        this.validator = Validation.byProvider(HibernateValidator.class).configure()
                .constraintValidatorFactory(factory)
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
    }

    Outcome check(String body) {
        if (body == null || body.isBlank()) {
            return fail("body", "is empty; expected a JSON object with driven_audio, source_image and option");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return fail("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return fail("body", "cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return fail("body", "must be a JSON object with driven_audio, source_image and option");
        }
        List<Violation> problems = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!GenerateRequest.FIELDS.contains(name)) {
                problems.add(new Violation(name, "is not a known field (known: " + GenerateRequest.FIELDS + ")"));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : GenerateRequest.FIELDS) {
            JsonNode v = node.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                problems.add(new Violation(field, "must be a string, not " + v.getNodeType().name().toLowerCase()));
            } else {
                values.put(field, v == null || v.isNull() ? null : v.asText());
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        GenerateRequest request = new GenerateRequest(values.get("driven_audio"), values.get("source_image"),
                values.get("option"), values.get("webhook"));
        for (ConstraintViolation<GenerateRequest> v : validator.validate(request)) {
            problems.add(new Violation(jsonName(v.getPropertyPath().toString()), v.getMessage()));
        }
        String webhook = request.webhook();
        if (webhook != null) {
            String problem = webhook.isBlank() ? "must be an http or https URL, or absent" : webhooks.problem(webhook);
            if (problem != null) {
                problems.add(new Violation("webhook", problem));
            }
        }
        problems.sort(Comparator.comparingInt((Violation v) -> GenerateRequest.FIELDS.indexOf(v.field())));
        return new Outcome(problems.isEmpty() ? request : null, problems);
    }

    /** The input directories request paths are checked against. */
    InputRoots roots() {
        return roots;
    }

    private static String jsonName(String property) {
        return switch (property) {
            case "drivenAudio" -> "driven_audio";
            case "sourceImage" -> "source_image";
            default -> property;
        };
    }

    private static Outcome fail(String field, String message) {
        return new Outcome(null, List.of(new Violation(field, message)));
    }
}
