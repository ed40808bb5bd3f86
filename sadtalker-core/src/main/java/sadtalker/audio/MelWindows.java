package sadtalker.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The per-video-frame mel windows of {@code src/generate_batch.py::get_data} (the mel part:
 * {@code parse_audio_length}, {@code crop_pad_audio}, the 16-step window loop).
 *
 * <p>{@code T = int(N / 640.0)} video frames at 25 fps; the audio is cropped to {@code 640·T}
 * samples <em>before</em> the mel spectrogram; window {@code i} takes the 16 mel frames from
 * {@code int(80.0·((i − 2) / 25.0))} on (Python's {@code int} truncates toward zero: i = 0 gives
 * −6, i = 1 gives −3), each index clamped to the spectrogram, transposed to (80, 16).
 *
 * @param values {@code T·80·16} floats, row-major {@code (T, 80, 16)}
 * @param numFrames T
 * @param numMels 80
 * @param steps 16
 */
public record MelWindows(float[] values, int numFrames, int numMels, int steps) {

    public MelWindows {
        if (values.length != (long) numFrames * numMels * steps) {
            throw new IllegalArgumentException("mel windows hold " + values.length + " values, expected "
                    + numFrames + "·" + numMels + "·" + steps);
        }
    }

    /** Number of 25 fps video frames {@code int(n / 640.0)} for {@code n} samples. */
    public static int numFrames(int n, AudioHParams hp) {
        return (int) (n / hp.samplesPerFrame());
    }

    /**
     * Cuts {@code wav} (mono, {@code hp.sampleRate()}) into per-frame windows.
     *
     * @throws AudioException ({@link AudioException.Reason#TOO_SHORT}) when the audio is shorter than one
     *     video frame (the original fails inside get_data on an empty signal)
     */
    public static MelWindows of(float[] wav, MelSpectrogram mel) {
        AudioHParams hp = mel.hparams();
        int t = numFrames(wav.length, hp);
        if (t < 1) {
            throw new AudioException(AudioException.Reason.TOO_SHORT, "audio of " + wav.length + " samples ("
                    + String.format("%.3f", wav.length / (double) hp.sampleRate()) + " s) is shorter than one video frame ("
                    + (int) hp.samplesPerFrame() + " samples at " + hp.fps() + " fps)");
        }
        int length = (int) (t * hp.samplesPerFrame());
        float[] cropped = length == wav.length ? wav : java.util.Arrays.copyOf(wav, length);
        float[][] spec = mel.compute(cropped);                 // (80, M)
        int frames = spec[0].length;
        int bands = hp.numMels();
        int steps = hp.melStepSize();
        float[] out = new float[t * bands * steps];
        double melFramesPerSecond = (double) hp.sampleRate() / hp.hopSize();      // the original's literal 80.
        for (int i = 0; i < t; i++) {
            // int(80. * (start_frame_num / float(fps))): the cast truncates toward zero
            int start = (int) (melFramesPerSecond * ((i - 2) / (double) hp.fps()));
            for (int s = 0; s < steps; s++) {
                int idx = Math.min(Math.max(start + s, 0), frames - 1);
                for (int b = 0; b < bands; b++) {
                    out[(i * bands + b) * steps + s] = spec[b][idx];
                }
            }
        }
        return new MelWindows(out, t, bands, steps);
    }

    /** The windows as {@code (1, T, 1, 80, 16)}, the batch layout both networks take. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(values, new Shape(1, numFrames, 1, numMels, steps));
    }
}
