package sadtalker.testkit;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Short WAV clips cut from the example speech ({@code shared/examples/speech_en_16k.wav}, 16 kHz mono). */
public final class SpeechClips {
    private SpeechClips() {}

    /**
     * Writes {@code samples} samples (at most what the example holds) starting {@code skip} samples in.
     *
     * @return {@code target}
     */
    public static Path write(Path target, long skip, long samples) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(SharedData.dir().resolve("examples/speech_en_16k.wav").toFile())) {
            in.skipNBytes(skip * in.getFormat().getFrameSize());
            long length = Math.min(samples, in.getFrameLength() - skip);
            try (AudioInputStream cut = new AudioInputStream(in, in.getFormat(), length)) {
                AudioSystem.write(cut, AudioFileFormat.Type.WAVE, target.toFile());
            }
            return target;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("the example speech cannot be read: " + e.getMessage(), e);
        }
    }
}
