package sadtalker.video;

import sadtalker.image.Image8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes MP4s and decodes them back with FFmpeg to check what a browser would get. */
class Mp4WriterTest {
    private static final int SR = 16_000;

    @TempDir
    Path dir;

    @Test
    void a_two_frame_clip_keeps_its_audio_within_one_frame() throws Exception {
        // 80 ms: at 16 kHz, AAC's 1024-sample padding alone would add 48 ms.
        Path out = dir.resolve("short.mp4");
        try (Mp4Writer w = new Mp4Writer(out, 64, 64, sine(SR, 440), SR)) {
            w.write(solid(64, 64, 10, 20, 30));
            w.write(solid(64, 64, 10, 20, 30));
        }
        Decoded d = decode(out);
        assertEquals(2, d.frames);
        double sound = d.audioSamples / (double) d.sampleRate;
        assertTrue(Math.abs(sound - 0.08) <= 1 / 25.0, "audio lasts " + sound + " s, video 0.08 s");
    }

    @Test
    void video_with_audio_decodes_back_with_frames_size_fps_and_cut_audio() throws Exception {
        int frames = 30;
        float[] audio = sine(SR * 2, 440); // 2 s of speech stand-in, longer than the 1.2 s video
        Path out = dir.resolve("result.mp4");
        try (Mp4Writer w = new Mp4Writer(out, 96, 64, audio, SR)) {
            for (int i = 0; i < frames; i++) {
                w.write(solid(64, 96, 200, 40 + 5 * i, 30));
            }
        }
        Decoded d = decode(out);
        assertEquals(frames, d.frames, "decoded frame count");
        assertEquals(96, d.width);
        assertEquals(64, d.height);
        assertEquals(25.0, d.fps, 1e-6, "frame rate");
        assertEquals(avcodec.AV_CODEC_ID_H264, d.videoCodec, "H.264 video");
        assertEquals(avutil.AV_PIX_FMT_YUV420P, d.pixelFormat, "yuv420p");
        assertEquals(avcodec.AV_CODEC_ID_AAC, d.audioCodec, "AAC audio");
        assertTrue(d.audioChannels > 0, "audio stream present");
        double video = frames / 25.0;
        double sound = d.audioSamples / (double) d.sampleRate;
        assertTrue(Math.abs(sound - video) <= 1 / 25.0, "audio lasts " + sound + " s, video " + video + " s");
        // Lossy, but a flat colour survives within a few levels (frame 0: RGB 200, 40, 30).
        assertEquals(200, d.firstPixel[0], 8);
        assertEquals(40, d.firstPixel[1], 8);
        assertEquals(30, d.firstPixel[2], 8);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "the temporary file was moved, not left behind");
        }
    }

    @Test
    void odd_sizes_are_scaled_to_even_and_silent_video_has_no_audio() throws Exception {
        Path out = dir.resolve("odd.mp4");
        try (Mp4Writer w = new Mp4Writer(out, 101, 71, null, 0)) {
            for (int i = 0; i < 5; i++) {
                w.write(solid(71, 101, 10, 120, 240));
            }
        }
        Decoded d = decode(out);
        assertEquals(5, d.frames);
        assertEquals(102, d.width);
        assertEquals(72, d.height);
        assertEquals(0, d.audioChannels);
    }

    @Test
    void wrong_frame_size_and_empty_video_are_refused_and_leave_no_file() throws Exception {
        Path out = dir.resolve("bad.mp4");
        Mp4Writer w = new Mp4Writer(out, 32, 32, null, 0);
        assertThrows(IllegalArgumentException.class, () -> w.write(solid(30, 32, 0, 0, 0)));
        assertThrows(IllegalStateException.class, w::close);
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary file left");
        }
    }

    private record Decoded(int frames, int width, int height, double fps, int videoCodec, int pixelFormat,
            int audioCodec, int audioChannels, int sampleRate, long audioSamples, int[] firstPixel) {}

    private static Decoded decode(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            int frames = 0;
            long samples = 0;
            int[] first = null;
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    if (first == null) {
                        first = pixel(f);
                    }
                    frames++;
                }
                if (f.samples != null) {
                    Buffer b = f.samples[0];
                    samples += b.limit() / Math.max(1, f.samples.length == 1 ? f.audioChannels : 1);
                }
            }
            assertNotNull(first, "no video frame decoded");
            return new Decoded(frames, g.getImageWidth(), g.getImageHeight(), g.getFrameRate(), g.getVideoCodec(),
                    streamPixelFormat(g), g.getAudioCodec(), g.getAudioChannels(), g.getSampleRate(), samples, first);
        }
    }

    /** The pixel format stored in the file's video stream (the grabber itself converts to BGR24). */
    private static int streamPixelFormat(FFmpegFrameGrabber g) {
        AVFormatContext fc = g.getFormatContext();
        for (int i = 0; i < fc.nb_streams(); i++) {
            AVStream st = fc.streams(i);
            if (st.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return st.codecpar().format();
            }
        }
        return -1;
    }

    /** Centre pixel of a decoded frame (JavaCV gives BGR24) as RGB. */
    private static int[] pixel(Frame f) {
        ByteBuffer b = (ByteBuffer) f.image[0];
        int y = f.imageHeight / 2;
        int x = f.imageWidth / 2;
        int i = y * f.imageStride + x * 3;
        return new int[] {b.get(i + 2) & 0xFF, b.get(i + 1) & 0xFF, b.get(i) & 0xFF};
    }

    static Image8 solid(int h, int w, int r, int g, int b) {
        byte[] px = new byte[h * w * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new Image8(h, w, px);
    }

    private static float[] sine(int n, double hz) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return s;
    }
}
