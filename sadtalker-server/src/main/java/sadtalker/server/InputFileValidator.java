package sadtalker.server;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Checks {@link InputFile}; built by {@link RequestValidation} with the configured input roots. */
final class InputFileValidator implements ConstraintValidator<InputFile, String> {
    private final List<Path> roots;
    private ContentSniffer.Kind kind;

    /** @param roots real (symlink-free, absolute) input directories */
    InputFileValidator(List<Path> roots) {
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
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return "'" + value + "' is not a valid path";
        }
        if (!Files.exists(path)) {
            return "'" + value + "' does not exist";
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            return "'" + value + "' cannot be resolved: " + e.getMessage();
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            return "'" + value + "' lies outside the allowed input directories " + roots;
        }
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
            return "'" + value + "' cannot be read: " + e.getMessage();
        }
        return null;
    }
}
