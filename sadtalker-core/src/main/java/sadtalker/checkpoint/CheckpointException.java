package sadtalker.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint file that cannot be read or does not hold what its reader expects.
 *
 * <p>The message always starts with the file's name, so that a user who has several model files
 * knows which one to replace.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about {@code file}: the message is prefixed with the file name. */
    public static CheckpointException of(Path file, String message) {
        return new CheckpointException(name(file) + ": " + message);
    }

    /** An error about {@code file} caused by {@code cause}. */
    public static CheckpointException of(Path file, String message, Throwable cause) {
        return new CheckpointException(name(file) + ": " + message, cause);
    }

    static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
