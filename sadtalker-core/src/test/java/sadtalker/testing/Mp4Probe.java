package sadtalker.testing;

import java.nio.Buffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * An MP4 decoded back with FFmpeg: what a player would see.
 *
 * @param frames video frames decoded
 * @param width frame width
 * @param height frame height
 * @param fps the stream's frame rate
 * @param audioSeconds decoded audio length (0 without an audio stream)
 */
public record Mp4Probe(int frames, int width, int height, double fps, double audioSeconds) {

    public static Mp4Probe of(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            int frames = 0;
            long samples = 0;
            for (Frame f; (f = g.grab()) != null; ) {
                if (f.image != null) {
                    frames++;
                }
                if (f.samples != null) {
                    Buffer b = f.samples[0];
                    samples += f.samples.length == 1 ? b.limit() / Math.max(1, f.audioChannels) : b.limit();
                }
            }
            double seconds = g.getSampleRate() > 0 ? samples / (double) g.getSampleRate() : 0;
            return new Mp4Probe(frames, g.getImageWidth(), g.getImageHeight(), g.getFrameRate(), seconds);
        }
    }
}
