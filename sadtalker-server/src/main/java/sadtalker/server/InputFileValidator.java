package sadtalker.server;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Checks {@link InputFile}; built by {@link RequestValidation} with the configured input roots. */
final class InputFileValidator implements ConstraintValidator<InputFile, String> {
    private final InputRoots roots;
    private ContentSniffer.Kind kind;

    InputFileValidator(InputRoots roots) {
        this.roots = roots;
    }

    @Override
    public void initialize(InputFile annotation) {
        kind = annotation.kind();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String problem = problem(value);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }

    private String problem(String value) {
        try {
            roots.absolute(value);
        } catch (InvalidPathException e) {
            return "'" + value + "' is not a valid path";
        }
        Optional<Path> confined = roots.confined(value);
        if (confined.isEmpty()) {
            return InputRoots.unavailable(value);
        }
        Path real = confined.get();
        if (!Files.isRegularFile(real)) {
            return "'" + value + "' is not a regular file";
        }
        if (!Files.isReadable(real)) {
            return "'" + value + "' is not readable by the service";
        }
        try {
            if (!ContentSniffer.matches(real, kind)) {
                return "'" + value + "' is not " + kind.description;
            }
        } catch (IOException e) {
            return "'" + value + "' cannot be read";
        }
        return null;
    }
}
