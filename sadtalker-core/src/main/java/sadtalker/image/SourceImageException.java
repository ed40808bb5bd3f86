package sadtalker.image;

import java.nio.file.Path;

/** A source image that cannot be analysed; {@link #kind()} says why, the message names the file. */
public final class SourceImageException extends RuntimeException {
    /** Why the image was refused. */
    public enum Kind {
        /** The path does not exist or is not a regular readable file. */
        NOT_A_FILE,
        /** The content is not an image format we decode. */
        NOT_AN_IMAGE,
        /** The image data ends early or is corrupt. */
        TRUNCATED,
        /** Too few pixels to hold a face. */
        TOO_SMALL,
        /** Too many pixels (or bytes): refused before decoding. */
        TOO_LARGE,
        /** The detector found no face. */
        NO_FACE
    }

    private final Kind kind;
    private final Path image;

    public SourceImageException(Kind kind, Path image, String message) {
        this(kind, image, message, null);
    }

    public SourceImageException(Kind kind, Path image, String message, Throwable cause) {
        super(image + ": " + message, cause);
        this.kind = kind;
        this.image = image;
    }

    public Kind kind() {
        return kind;
    }

    /** The offending file. */
    public Path image() {
        return image;
    }
}
