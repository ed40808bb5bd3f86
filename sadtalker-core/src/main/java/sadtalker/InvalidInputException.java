package sadtalker;

/**
 * The caller's audio or image cannot be used (no face found, undecodable audio, too short...).
 * Retrying the same input cannot succeed, unlike a failure of the machine (out of memory).
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
