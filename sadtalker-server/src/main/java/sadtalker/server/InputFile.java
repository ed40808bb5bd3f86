package sadtalker.server;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A path to an input file the service may read: it exists, is a regular readable file, lies inside
 * one of the configured input roots (after resolving {@code ..} and symbolic links) and passes the
 * engine's own check ({@link sadtalker.InputCheck}) for its {@link #kind() kind}, so that a job is never
 * accepted that the engine would refuse for its input. Null passes (required-ness is {@code @NotBlank}'s job).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = InputFileValidator.class)
@interface InputFile {
    /** What the file must hold. */
    enum Kind { AUDIO, IMAGE }

    Kind kind();

    String message() default "is not a usable input file";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
