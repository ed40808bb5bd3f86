package sadtalker;

import java.nio.file.Path;

/**
 * Turns one speech recording and one face picture into an MP4 of that face speaking.
 * {@code SadTalkerEngine} is the real implementation; services depend on this interface so that
 * they can be tested with a stand-in.
 */
public interface TalkingHeadGenerator extends AutoCloseable {

    /**
     * Generates a video into the configured output directory.
     *
     * @throws InvalidInputException when the audio or image cannot be used (not worth retrying)
     */
    GenerationResult generate(Path audio, Path image, Mode mode, ProgressListener progress);

    /** As {@link #generate(Path, Path, Mode, ProgressListener)} without progress reports. */
    default GenerationResult generate(Path audio, Path image, Mode mode) {
        return generate(audio, image, mode, ProgressListener.NONE);
    }

    /** Frees the models' native memory. */
    @Override
    void close();
}
