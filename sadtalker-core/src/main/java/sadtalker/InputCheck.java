package sadtalker;

import java.nio.file.Path;
import sadtalker.audio.AudioException;
import sadtalker.audio.AudioHeaderCheck;
import sadtalker.image.SourceImageException;
import sadtalker.image.SourceImageLoader;

/**
 * Refuses, from the files' headers alone (no decoding, a few kilobytes of audio read; an image is
 * read whole, as the loader reads it, up to its byte limit), the audio and pictures that
 * {@link SadTalkerEngine#generate} would refuse later: a missing or unreadable file, audio FFmpeg
 * cannot read, audio without samples, shorter than one video frame or longer than
 * {@link EngineOptions#maxAudioSeconds()}, a picture that is no image, is truncated, or whose header
 * announces more pixels than the loader accepts. Each refusal is an {@link InvalidInputException}
 * with the message the engine gives for that file, since the engine runs the same code (it calls
 * this check first, then decodes, which may still find more: no face, corrupt packets).
 *
 * <p>Shells call it before queueing a job or loading models, so that a user learns at once what the
 * job would have said minutes later.
 */
public final class InputCheck {
    private final double maxAudioSeconds;

    /** A check with the engine's limits for {@code options}. */
    public static InputCheck of(EngineOptions options) {
        return new InputCheck(options.maxAudioSeconds());
    }

    /** The check of an engine with {@link EngineOptions#defaults default options}. */
    public static InputCheck defaults() {
        return of(EngineOptions.defaults(Path.of("models")));
    }

    private InputCheck(double maxAudioSeconds) {
        this.maxAudioSeconds = maxAudioSeconds;
    }

    /** Refuses {@code audio} or {@code image}, the audio first (as the engine reads them). */
    public void inputs(Path audio, Path image) {
        audio(audio);
        image(image);
    }

    /** @throws InvalidInputException naming the file and what is wrong with its audio */
    public void audio(Path file) {
        try {
            AudioHeaderCheck.check(file, maxAudioSeconds);
        } catch (AudioException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** @throws InvalidInputException naming the file and what is wrong with the picture */
    public void image(Path file) {
        try {
            SourceImageLoader.check(file);
        } catch (SourceImageException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
