package sadtalker.parity;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import sadtalker.checkpoint.StoredTensor;

/** The engine's MP4 decoded back (FFmpeg, RGB24) and measured against an e2e case's final frames. */
final class Mp4Frames {
    private Mp4Frames() {}

    /** PSNR over every value of every frame, against {@code out.frames}; passes at {@code minPsnr} dB or more. */
    static E2eCase.OutputCheck check(E2eCase c, Path mp4, double minPsnr) {
        StoredTensor expected = c.expected("frames");
        long[] s = expected.shape();
        int t = (int) s[0];
        int h = (int) s[1];
        int w = (int) s[2];
        ByteBuffer want = expected.bytes();
        double sse = 0;
        int decoded = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_RGB24);
            g.start();
            if (g.getImageWidth() != w || g.getImageHeight() != h) {
                return new E2eCase.OutputCheck(c, "mp4", false, "the video is " + g.getImageWidth() + "x"
                        + g.getImageHeight() + ", the frames " + w + "x" + h);
            }
            for (Frame f; (f = g.grabImage()) != null; decoded++) {
                if (decoded >= t) {
                    continue;
                }
                ByteBuffer px = (ByteBuffer) f.image[0];
                int stride = f.imageStride;
                int base = decoded * h * w * 3;
                for (int y = 0; y < h; y++) {
                    for (int i = 0; i < w * 3; i++) {
                        int d = (px.get(y * stride + i) & 0xFF) - (want.get(base + y * w * 3 + i) & 0xFF);
                        sse += d * (double) d;
                    }
                }
            }
        } catch (Exception e) {
            return new E2eCase.OutputCheck(c, "mp4", false, "cannot decode " + mp4.getFileName() + ": " + e);
        }
        if (decoded != t) {
            return new E2eCase.OutputCheck(c, "mp4", false, "the video has " + decoded + " frames, the case " + t);
        }
        double mse = sse / ((double) t * h * w * 3);
        double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        return new E2eCase.OutputCheck(c, "mp4", psnr >= minPsnr,
                String.format("decoded %d frames %dx%d, PSNR %.2f dB against frames (>= %.0f)", t, w, h, psnr, minPsnr));
    }
}
