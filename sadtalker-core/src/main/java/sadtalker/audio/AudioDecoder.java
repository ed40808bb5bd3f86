package sadtalker.audio;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes any audio container FFmpeg reads (WAV of any rate, depth and channel count, MP3,
 * M4A/AAC, FLAC, OGG/Vorbis/Opus, the audio track of a video) through JavaCV's FFmpeg, and turns
 * it into what SadTalker's {@code load_wav} returns: 16 kHz mono float ({@link LoadWav}).
 *
 * <p>Samples are taken in the codec's own format (JavaCV's RAW mode) and scaled here as
 * libsndfile does ({@code s16 / 2^15}, {@code s32 / 2^31}, {@code (u8 − 128) / 2^7}, floats
 * unchanged), so that no FFmpeg resampling or channel remixing touches them: the mix and the
 * resampling are the original's, in {@link LoadWav}.
 *
 * <p>Bad input fails with an {@link AudioException} whose {@link AudioException.Reason} says why.
 */
public final class AudioDecoder {
    /** SadTalker's working rate. */
    public static final int TARGET_RATE = 16000;
    /** Default limit on the duration accepted: 10 minutes (250 MB of mel windows at 25 fps). */
    public static final double DEFAULT_MAX_SECONDS = 600;

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);   // FFmpeg's console chatter stays quiet
    }

    private AudioDecoder() {}

    /** {@link #decode(Path, double)} with {@link #DEFAULT_MAX_SECONDS}. */
    public static float[] decode(Path file) {
        return decode(file, DEFAULT_MAX_SECONDS);
    }

    /**
     * The audio of {@code file} as 16 kHz mono float, at least one 25 fps video frame long.
     *
     * @param maxSeconds longest audio accepted, in seconds
     * @throws AudioException naming the file and what is wrong with it
     */
    public static float[] decode(Path file, double maxSeconds) {
        PcmAudio pcm = decodePcm(file, maxSeconds);
        float[] wav = LoadWav.apply(pcm, TARGET_RATE);
        requireOneVideoFrame(file, wav.length, pcm.seconds());
        return wav;
    }

    /**
     * The first audio stream of {@code file} decoded to float PCM at its own rate and channel
     * count, without any conversion beyond scaling integers to [-1, 1).
     */
    public static PcmAudio decodePcm(Path file, double maxSeconds) {
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maximum duration must be positive, got " + maxSeconds);
        }
        requireReadableFile(file);
        MediaProbe.requireDecodableAudio(file);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleMode(FrameGrabber.SampleMode.RAW);
            grabber.setVideoStream(Integer.MAX_VALUE);     // no stream has this index: video is never opened
            grabber.setOption("protocol_whitelist", MediaProbe.PROTOCOLS);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": its audio cannot be decoded ("
                        + e.getMessage() + ")", e);
            }
            if (!grabber.hasAudio() || grabber.getAudioChannels() < 1) {
                throw new AudioException(AudioException.Reason.NO_AUDIO_STREAM, file + ": has no audio stream");
            }
            int rate = grabber.getSampleRate();
            int channels = grabber.getAudioChannels();
            if (rate < 1) {
                throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": audio stream has no sample rate");
            }
            long lengthUs = grabber.getLengthInTime();
            requireClaimWithin(file, lengthUs, maxSeconds);     // the container's own claim; checked again below
            return read(grabber, file, rate, channels, maxSeconds);
        } catch (FrameGrabber.Exception e) {
            throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": decoding failed: " + e.getMessage(), e);
        }
    }

    private static PcmAudio read(FFmpegFrameGrabber grabber, Path file, int rate, int channels, double maxSeconds)
            throws FrameGrabber.Exception {
        long maxFrames = (long) Math.ceil(maxSeconds * rate);
        int format = grabber.getSampleFormat();
        FloatSink sink = new FloatSink();
        org.bytedeco.javacv.Frame frame;
        while ((frame = grabber.grabSamples()) != null) {
            if (frame.samples == null) {
                continue;
            }
            if (frame.audioChannels != channels || frame.sampleRate != rate) {
                throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": the audio stream changes from "
                        + channels + " ch " + rate + " Hz to " + frame.audioChannels + " ch " + frame.sampleRate
                        + " Hz midway, which is not supported");
            }
            append(sink, frame.samples, channels, format, file);
            if (sink.size / channels > maxFrames) {
                throw tooLong(file, sink.size / (double) channels / rate, maxSeconds);
            }
        }
        if (sink.size == 0) {
            throw empty(file);
        }
        return new PcmAudio(sink.toArray(), channels, rate);
    }

    /** Appends one decoded frame, interleaving planar data, scaling integers as libsndfile does. */
    private static void append(FloatSink sink, Buffer[] planes, int channels, int format, Path file) {
        boolean planar = avutil.av_sample_fmt_is_planar(format) != 0;
        if (planar && planes.length != channels) {
            throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": " + planes.length + " sample planes for "
                    + channels + " channels");
        }
        int perPlane = planes[0].limit();
        int total = planar ? perPlane * channels : perPlane;
        sink.reserve(total);
        for (int p = 0; p < planes.length; p++) {
            Buffer b = planes[p];
            if (b == null) {
                throw new AudioException(AudioException.Reason.UNDECODABLE, file + ": sample format "
                        + avutil.av_get_sample_fmt_name(format).getString() + " is not supported");
            }
            int n = b.limit();
            for (int i = 0; i < n; i++) {
                int at = planar ? i * channels + p : i;
                sink.data[sink.size + at] = sample(b, i);
            }
        }
        sink.size += total;
    }

    private static float sample(Buffer b, int i) {
        if (b instanceof FloatBuffer f) {
            return f.get(i);
        } else if (b instanceof ShortBuffer s) {
            return s.get(i) / 32768f;
        } else if (b instanceof IntBuffer s) {
            return (float) (s.get(i) / 2147483648.0);
        } else if (b instanceof DoubleBuffer d) {
            return (float) d.get(i);
        } else if (b instanceof ByteBuffer u) {
            return ((u.get(i) & 0xFF) - 128) / 128f;
        }
        throw new IllegalStateException("unexpected sample buffer " + b.getClass());
    }

    // The refusals below are shared with AudioHeaderCheck, so that a check of the header alone and a
    // full decode say the same thing about the same file.

    /** Refuses a path that is not a readable regular file. */
    static void requireReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new AudioException(AudioException.Reason.NOT_A_FILE, file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioException(AudioException.Reason.NOT_A_FILE, file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioException(AudioException.Reason.UNREADABLE, file + ": not readable (permission denied)");
        }
    }

    /** Refuses a container that claims ({@code lengthUs}, ≤ 0 if unknown) more than a second past the maximum. */
    static void requireClaimWithin(Path file, long lengthUs, double maxSeconds) {
        if (lengthUs > 0 && lengthUs / 1e6 > maxSeconds + 1) {
            throw tooLong(file, lengthUs / 1e6, maxSeconds);
        }
    }

    /** Refuses audio whose 16 kHz form ({@code samples16k} long, {@code seconds} in its own rate) is under 40 ms. */
    static void requireOneVideoFrame(Path file, long samples16k, double seconds) {
        if (samples16k < TARGET_RATE / 25) {
            throw new AudioException(AudioException.Reason.TOO_SHORT, file + ": " + String.format("%.3f", seconds)
                    + " s of audio is shorter than one video frame (40 ms)");
        }
    }

    static AudioException empty(Path file) {
        return new AudioException(AudioException.Reason.EMPTY, file + ": the audio stream holds no samples "
                + "(empty, or none of its packets could be decoded)");
    }

    static AudioException tooLong(Path file, double seconds, double maxSeconds) {
        return new AudioException(AudioException.Reason.TOO_LONG, file + ": " + String.format("%.1f", seconds)
                + " s of audio is longer than the maximum of " + String.format("%.1f", maxSeconds) + " s");
    }

    /** A growable float array. */
    private static final class FloatSink {
        float[] data = new float[1 << 16];
        int size;

        void reserve(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
