package sadtalker.audio;

/**
 * Decoded audio before any conversion, as libsndfile would hand it to librosa: float samples
 * ({@code int / 2^(bits−1)} for integer PCM, unchanged for float formats), interleaved by frame.
 *
 * @param samples {@code frames·channels} values, frame-major
 * @param channels channel count (≥ 1)
 * @param sampleRate samples per second per channel
 */
public record PcmAudio(float[] samples, int channels, int sampleRate) {

    public PcmAudio {
        if (channels < 1 || sampleRate < 1 || samples.length % channels != 0) {
            throw new IllegalArgumentException("invalid PCM: " + samples.length + " samples, " + channels
                    + " channels, " + sampleRate + " Hz");
        }
    }

    /** Samples per channel. */
    public int frames() {
        return samples.length / channels;
    }

    /** Duration in seconds. */
    public double seconds() {
        return frames() / (double) sampleRate;
    }
}
