package sadtalker.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Writes audio files for the decoder tests: WAV by hand (exact sample values), other formats through FFmpeg. */
final class TestAudio {
    private TestAudio() {}

    /** Random integer samples in the full range of {@code bits}, interleaved {@code frames·channels}. */
    static int[] randomInts(long seed, int frames, int channels, int bits) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] s = new int[frames * channels];
        long range = 1L << bits;
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) (r.nextLong(range) - range / 2);
        }
        return s;
    }

    /** A sine of {@code hz} at {@code amplitude} in every channel (channel c shifted by c·0.3 rad), interleaved. */
    static float[] sine(int rate, int channels, double seconds, double hz, double amplitude) {
        int frames = (int) Math.round(seconds * rate);
        float[] s = new float[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                s[f * channels + c] = (float) (amplitude * Math.sin(2 * Math.PI * hz * f / rate + 0.3 * c));
            }
        }
        return s;
    }

    /**
     * A RIFF WAVE file: integer PCM of 8 (unsigned), 16, 24 or 32 bits, little endian.
     */
    static Path writePcmWav(Path file, int rate, int channels, int bits, int[] interleaved) throws IOException {
        int bytesPer = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * bytesPer).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : interleaved) {
            switch (bits) {
                case 8 -> data.put((byte) (v + 128));
                case 16 -> data.putShort((short) v);
                case 24 -> data.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                case 32 -> data.putInt(v);
                default -> throw new IllegalArgumentException("bits " + bits);
            }
        }
        return writeWav(file, 1, rate, channels, bits, data.array());
    }

    /** A WAVE file of IEEE float32 samples (format tag 3). */
    static Path writeFloatWav(Path file, int rate, int channels, float[] interleaved) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : interleaved) {
            data.putFloat(v);
        }
        return writeWav(file, 3, rate, channels, 32, data.array());
    }

    /** A WAVE file with any format tag and raw data bytes. */
    static Path writeWav(Path file, int formatTag, int rate, int channels, int bits, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bits / 8;
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        Files.write(file, b.array());
        return file;
    }

    /**
     * Encodes float samples with FFmpeg: {@code format} is the container ("mp3", "ipod" for
     * M4A, "flac", "ogg"), {@code codec} an encoder name ("libmp3lame", "aac", "flac", "libopus").
     */
    static Path encode(Path file, String format, String codec, int rate, int channels, float[] interleaved)
            throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), channels)) {
            rec.setFormat(format);
            rec.setAudioCodecName(codec);
            rec.setSampleRate(rate);
            rec.setAudioChannels(channels);
            rec.setAudioBitrate(192_000);
            rec.start();
            int chunk = 4096 * channels;
            for (int i = 0; i < interleaved.length; i += chunk) {
                int n = Math.min(chunk, interleaved.length - i);
                // a fresh array per chunk: the recorder reads a heap buffer's array from its start
                rec.recordSamples(rate, channels, FloatBuffer.wrap(java.util.Arrays.copyOfRange(interleaved, i, i + n)));
            }
            rec.stop();
        }
        return file;
    }

    /** An MP4 of a few grey 64×64 frames (MPEG-4 part 2) with, when {@code channels > 0}, an AAC track. */
    static Path encodeWithVideo(Path file, int rate, int channels, float[] interleaved) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 64, 64, channels)) {
            rec.setFormat("mp4");
            rec.setVideoCodecName("mpeg4");
            rec.setFrameRate(25);
            if (channels > 0) {
                rec.setAudioCodecName("aac");
                rec.setSampleRate(rate);
            }
            rec.start();
            org.bytedeco.javacv.Frame image = new org.bytedeco.javacv.Frame(64, 64, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer px = (java.nio.ByteBuffer) image.image[0];
            for (int i = 0; i < px.capacity(); i++) {
                px.put(i, (byte) 128);
            }
            for (int f = 0; f < 12; f++) {
                rec.record(image);
            }
            if (channels > 0) {
                rec.recordSamples(rate, channels, FloatBuffer.wrap(interleaved.clone()));
            }
            rec.stop();
        }
        return file;
    }
}
