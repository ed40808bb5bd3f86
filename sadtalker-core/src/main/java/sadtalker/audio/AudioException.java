package sadtalker.audio;

/**
 * The audio a user passed cannot be used; {@link #reason()} says why, the message says it in words
 * and names the file. Unchecked, so a server can map it to a 400 and a CLI to an exit code.
 */
public final class AudioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the audio was refused. */
    public enum Reason {
        /** The path does not exist or is not a regular file (a directory, a device). */
        NOT_A_FILE,
        /** The file exists but cannot be read (permissions, I/O error). */
        UNREADABLE,
        /** FFmpeg does not recognise the file as any media container. */
        NOT_MEDIA,
        /** The container has no audio stream (an image, a silent video). */
        NO_AUDIO_STREAM,
        /** The audio stream exists but cannot be decoded (unknown codec, corrupt data). */
        UNDECODABLE,
        /** The audio stream holds no samples. */
        EMPTY,
        /** Shorter than one 25 fps video frame (40 ms). */
        TOO_SHORT,
        /** Longer than the configured maximum duration. */
        TOO_LONG
    }

    private final Reason reason;

    public AudioException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AudioException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the audio was refused. */
    public Reason reason() {
        return reason;
    }
}
