package sadtalker.server;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import sadtalker.InputCheck;
import sadtalker.InvalidInputException;

/** Checks {@link InputFile}; built by {@link RequestValidation} with the configured input roots. */
final class InputFileValidator implements ConstraintValidator<InputFile, String> {
    private final InputRoots roots;
    private final InputCheck check;
    private InputFile.Kind kind;

    InputFileValidator(InputRoots roots, InputCheck check) {
        this.roots = roots;
        this.check = check;
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
        // The engine's own header check on the confined real path: what the job would refuse, refused
        // now with the job's message (which names the file by that path).
        try {
            if (kind == InputFile.Kind.AUDIO) {
                check.audio(real);
            } else {
                check.image(real);
            }
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        return null;
    }
}
