package sadtalker.video;

import sadtalker.image.Image8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes SadTalker's result video: H.264 (OpenH264, yuv420p, browser-playable) at 25 fps with the
 * driving audio as AAC, cut to the rendered length ({@code frames / 25} s, as
 * {@code animate.py} cuts the wav before muxing). Frames and audio go straight through JavaCV's
 * FFmpeg into one file, interleaved as they are written; the file is written under a temporary
 * name in the target folder and moved into place atomically by {@link #close()}.
 *
 * <p>yuv420p needs even sizes: an odd width or height is scaled up by one pixel (imageio, which
 * the original writes with, scales up to a multiple of 16).
 */
public final class Mp4Writer implements AutoCloseable {
    public static final int FPS = 25;
    /** The AAC encoder's sample rate (input at a lower rate is resampled by FFmpeg). */
    static final int AAC_RATE = 48_000;
    /** FFmpeg's software H.264 encoder in JavaCV's LGPL build (it has no libx264). */
    public static final String VIDEO_CODEC = "libopenh264";

    private final Path target;
    private final Path temp;
    private final int width;
    private final int height;
    private final FFmpegFrameRecorder recorder;
    private final float[] audio;
    private final int sampleRate;
    private final ByteBuffer pixels;
    private long frames;
    private long samplesWritten;
    private boolean closed;

    /**
     * @param target the MP4 to write (replaced if present)
     * @param width frame width of the images to come
     * @param height frame height
     * @param audio mono PCM in [-1, 1] (the driving speech), or null for a silent video
     * @param sampleRate sample rate of {@code audio} (SadTalker uses 16 000)
     */
    public Mp4Writer(Path target, int width, int height, float[] audio, int sampleRate) {
        this(target, width, height, audio, sampleRate, VIDEO_CODEC);
    }

    /**
     * As {@link #Mp4Writer(Path, int, int, float[], int)} with another FFmpeg H.264 encoder, e.g.
     * {@code h264_nvenc} on an NVIDIA machine (JavaCV's FFmpeg has it; it needs the driver at run time).
     */
    public Mp4Writer(Path target, int width, int height, float[] audio, int sampleRate, String videoCodec) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("video size must be positive, got " + width + "x" + height);
        }
        if (audio != null && sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.target = target.toAbsolutePath();
        this.width = width;
        this.height = height;
        this.audio = audio;
        this.sampleRate = sampleRate;
        this.pixels = ByteBuffer.allocateDirect(width * height * 3);
        Path dir = this.target.getParent();
        try {
            Files.createDirectories(dir);
            this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".part.mp4");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file next to " + this.target + ": " + e.getMessage(), e);
        }
        recorder = new FFmpegFrameRecorder(temp.toFile(), (width + 1) & ~1, (height + 1) & ~1, audio == null ? 0 : 1);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(videoCodec);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(FPS);
        recorder.setGopSize(FPS * 2);
        // OpenH264 is rate-controlled: about 0.2 bit per pixel keeps faces clean at these sizes.
        recorder.setVideoBitrate(Math.max(500_000, (int) Math.min(20_000_000L, (long) width * height * FPS / 5)));
        if (videoCodec.equals(VIDEO_CODEC)) {
            recorder.setVideoOption("allow_skip_frames", "0"); // every rendered frame must be in the file
        }
        recorder.setOption("movflags", "+faststart");
        if (audio != null) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            // AAC pads the stream to whole 1024-sample frames: 64 ms at SadTalker's 16 kHz, more than a
            // video frame. At 48 kHz a frame is 21 ms, so the audio always ends within one video frame;
            // FFmpeg resamples the 16 kHz input (recordSamples is told its rate).
            recorder.setSampleRate(Math.max(sampleRate, AAC_RATE));
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(64_000); // AAC allows at most 6144 bits per 1024-sample frame per channel
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            deleteTemp();
            throw new IllegalStateException("FFmpeg could not start an MP4 (" + videoCodec + " + AAC) at " + temp
                    + ": " + e.getMessage(), e);
        }
    }

    /** Appends one RGB frame of the size given at construction; audio up to its end is interleaved. */
    public void write(Image8 rgb) {
        if (closed) {
            throw new IllegalStateException("writer already closed");
        }
        if (rgb.width() != width || rgb.height() != height) {
            throw new IllegalArgumentException("frame is " + rgb.width() + "x" + rgb.height() + ", the video "
                    + width + "x" + height);
        }
        pixels.clear();
        pixels.put(rgb.pixels()).flip();
        try {
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_RGB24, pixels);
            frames++;
            writeAudioUntil(frames);
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg failed on frame " + frames + " of " + target + ": " + e.getMessage(), e);
        }
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    private void writeAudioUntil(long frameCount) throws FrameRecorder.Exception {
        if (audio == null) {
            return;
        }
        long end = Math.min(audio.length, frameCount * sampleRate / FPS); // cut to the rendered length
        if (end <= samplesWritten) {
            return;
        }
        int n = (int) (end - samplesWritten);
        FloatBuffer b = ByteBuffer.allocateDirect(n * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(audio, (int) samplesWritten, n).flip();
        recorder.recordSamples(sampleRate, 1, b);
        samplesWritten = end;
    }

    /** Finishes the file and moves it to the target name; with no frame written, nothing is kept. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            deleteTemp();
            throw new IllegalStateException("FFmpeg could not finish " + target + ": " + e.getMessage(), e);
        }
        if (frames == 0) {
            deleteTemp();
            throw new IllegalStateException("no frames were written; " + target + " was not created");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteTemp();
            throw new UncheckedIOException("cannot move the finished video to " + target + ": " + e.getMessage(), e);
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: the temporary name starts with a dot and ends in .part.mp4
        }
    }
}
