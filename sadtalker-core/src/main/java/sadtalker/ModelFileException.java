package sadtalker;

/**
 * A model file cannot be used: it does not parse, it is not the official file (keys or shapes
 * differ), or it was built to exhaust the reader. The message starts with the file's name, says what
 * is wrong, and how to get the right file. Retrying with the same file cannot succeed.
 */
public class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
