package sadtalker.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Refuses, from the container's header alone, audio that {@link AudioDecoder#decode(Path, double)}
 * would refuse after decoding it: not a readable file, not audio FFmpeg reads, no samples, shorter
 * than one video frame, longer than the maximum. Every refusal is the decoder's own, with its
 * message. Costs a few kilobytes of reading: FFmpeg's probe, plus for WAV the chunk headers.
 *
 * <p>A WAV's PCM sample count comes straight from its {@code data} chunk (FFmpeg reports only a
 * duration, and none at all for a header without data); other containers are judged by the
 * duration FFmpeg's demuxer reads from them, as the decoder does before it decodes.
 */
public final class AudioHeaderCheck {
    /** WAVE format tags whose {@code data} size divided by the block size is the frame count. */
    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;
    /** Chunks looked at before giving up on finding {@code data} (a hostile file may hold millions). */
    private static final int MAX_CHUNKS = 64;

    private AudioHeaderCheck() {}

    /**
     * Returns normally if the header of {@code file} promises audio the decoder accepts.
     *
     * @throws AudioException with the message the decoder gives for the same file
     */
    public static void check(Path file, double maxSeconds) {
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maximum duration must be positive, got " + maxSeconds);
        }
        AudioDecoder.requireReadableFile(file);
        long lengthUs = MediaProbe.requireDecodableAudio(file);
        Wav wav = wav(file);
        if (wav == null) {
            AudioDecoder.requireClaimWithin(file, lengthUs, maxSeconds);
            return;
        }
        if (wav.frames() == 0) {
            throw AudioDecoder.empty(file);
        }
        // The decoder's limit on decoded samples, and its resampled length (LoadWav.resample's fix_length).
        if (wav.frames() > (long) Math.ceil(maxSeconds * wav.rate())) {
            throw AudioDecoder.tooLong(file, wav.frames() / (double) wav.rate(), maxSeconds);
        }
        long samples16k = (long) Math.ceil(wav.frames() * (double) AudioDecoder.TARGET_RATE / wav.rate());
        AudioDecoder.requireOneVideoFrame(file, samples16k, wav.frames() / (double) wav.rate());
    }

    /** Frames per channel actually present, at {@code rate} Hz. */
    private record Wav(long frames, int rate) {}

    /**
     * The PCM frame count of a RIFF WAVE file, or null if the file is not plain PCM/float WAVE (then
     * FFmpeg's duration is all there is). The {@code data} size is capped by what the file holds,
     * as FFmpeg decodes what is there.
     */
    private static Wav wav(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer riff = read(ch, 0, 12);
            if (riff == null || riff.getInt(0) != fourCc("RIFF") || riff.getInt(8) != fourCc("WAVE")) {
                return null;
            }
            long at = 12;
            int format = -1;
            int rate = 0;
            int blockAlign = 0;
            for (int n = 0; n < MAX_CHUNKS; n++) {
                ByteBuffer head = read(ch, at, 8);
                if (head == null) {
                    return null;
                }
                long size = Integer.toUnsignedLong(head.getInt(4));
                if (head.getInt(0) == fourCc("fmt ")) {
                    ByteBuffer fmt = read(ch, at + 8, 16);
                    if (fmt == null) {
                        return null;
                    }
                    format = fmt.getShort(0) & 0xFFFF;
                    rate = fmt.getInt(4);
                    blockAlign = fmt.getShort(12) & 0xFFFF;
                } else if (head.getInt(0) == fourCc("data")) {
                    boolean plain = format == PCM || format == IEEE_FLOAT || format == EXTENSIBLE;
                    if (!plain || rate < 1 || blockAlign < 1) {
                        return null;
                    }
                    long present = Math.max(0, Math.min(size, ch.size() - (at + 8)));
                    return new Wav(present / blockAlign, rate);
                }
                at += 8 + size + (size & 1);      // chunks are padded to an even length
            }
            return null;
        } catch (IOException e) {
            throw new AudioException(AudioException.Reason.UNREADABLE, file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** {@code n} bytes at {@code position}, little endian, or null if the file ends first. */
    private static ByteBuffer read(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                return null;
            }
        }
        return b;
    }

    private static int fourCc(String s) {
        return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
    }
}
