package sadtalker.audio;

/**
 * Port of {@code src/utils/audio.py::load_wav}, i.e. librosa 0.9.2's {@code load(path, sr=16000)}
 * after decoding: mix to mono ({@code np.mean} over channels in float32), resample with
 * {@link Resampy#kaiserBest} unless the rate already matches, then {@code fix_length} to
 * {@code ceil(N·sr/sr_orig)} samples (a zero is appended whenever that is not an integer).
 *
 * <p>Decoding itself is {@link AudioDecoder}'s: FFmpeg gives PCM as libsndfile does
 * ({@code int / 2^(bits−1)}), so WAV input reaches this step with the same samples as in the
 * original. Compressed formats (MP3, AAC, ...) are decoded by FFmpeg's decoders, which may differ
 * from the decoder librosa's environment used by their own rounding.
 */
public final class LoadWav {
    private LoadWav() {}

    /** The mono 16 kHz signal SadTalker works on, from decoded audio of any rate and channel count. */
    public static float[] apply(PcmAudio pcm, int targetRate) {
        return resample(toMono(pcm.samples(), pcm.channels()), pcm.sampleRate(), targetRate);
    }

    /**
     * {@code np.mean(y, axis=0)} of {@code (channels, frames)} float32 data given interleaved:
     * the channels are summed in order in float32, then divided by the count in float32.
     */
    public static float[] toMono(float[] interleaved, int channels) {
        if (channels < 1 || interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " samples do not split into " + channels + " channels");
        }
        if (channels == 1) {
            return interleaved.clone();
        }
        int frames = interleaved.length / channels;
        float[] mono = new float[frames];
        float count = channels;
        for (int f = 0; f < frames; f++) {
            float sum = interleaved[f * channels];
            for (int c = 1; c < channels; c++) {
                sum += interleaved[f * channels + c];
            }
            mono[f] = sum / count;
        }
        return mono;
    }

    /** librosa 0.9.2 {@code resample(y, orig_sr, target_sr, res_type="kaiser_best", fix=True)}. */
    public static float[] resample(float[] mono, int origRate, int targetRate) {
        if (origRate == targetRate) {
            return mono;
        }
        double ratio = (double) targetRate / origRate;
        long wanted = (long) Math.ceil(mono.length * ratio);
        float[] y = Resampy.kaiserBest(mono, origRate, targetRate);
        return y.length == wanted ? y : java.util.Arrays.copyOf(y, Math.toIntExact(wanted));
    }
}
