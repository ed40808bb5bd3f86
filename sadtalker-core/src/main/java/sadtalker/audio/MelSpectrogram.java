package sadtalker.audio;

/**
 * Port of {@code src/utils/audio.py::melspectrogram} (SadTalker cd4c046) with librosa 0.9.2's
 * {@code stft} and {@code filters.mel}: pre-emphasis, centred STFT with zero padding, magnitude,
 * Slaney mel filter bank, dB, symmetric clipped normalisation.
 *
 * <p>Everything is computed in double, as numpy does after {@code lfilter} promotes the float32
 * input; the mel basis alone is rounded to float32 as librosa stores it. Input: mono 16 kHz
 * samples, normally in [-1, 1]. Output: {@code [numMels][1 + N / hop]} in
 * {@code [-maxAbs, maxAbs]} (row = mel band, column = STFT frame, not transposed).
 */
public final class MelSpectrogram {
    private final AudioHParams hp;
    private final Fft fft;
    private final double[] window;
    private final float[][] basis;      // (numMels, 1 + nFft/2), float32 like librosa's
    private final int[] basisFrom;      // first non-zero bin of each band
    private final int[] basisTo;        // one past the last non-zero bin
    private final double minLevel;

    public MelSpectrogram(AudioHParams hp) {
        this.hp = hp;
        this.fft = new Fft(hp.nFft());
        // scipy.signal.get_window('hann', n, fftbins=True): the periodic Hann window.
        window = new double[hp.winSize()];
        for (int i = 0; i < window.length; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / hp.winSize());
        }
        basis = MelFilters.slaney(hp.sampleRate(), hp.nFft(), hp.numMels(), hp.fmin(), hp.fmax());
        basisFrom = new int[basis.length];
        basisTo = new int[basis.length];
        for (int b = 0; b < basis.length; b++) {
            int from = 0;
            int to = basis[b].length;
            while (from < to && basis[b][from] == 0) {
                from++;
            }
            while (to > from && basis[b][to - 1] == 0) {
                to--;
            }
            basisFrom[b] = from;
            basisTo[b] = to;
        }
        // np.exp(min_level_db / 20 * np.log(10)) = 1.0000000000000016e-05, not exactly 1e-5.
        minLevel = Math.exp(hp.minLevelDb() / 20 * Math.log(10));
    }

    /** The hyper-parameters in use. */
    public AudioHParams hparams() {
        return hp;
    }

    /** Number of STFT frames for {@code n} samples: {@code 1 + n / hop} (centred framing). */
    public int frames(int n) {
        return 1 + n / hp.hopSize();
    }

    /** The normalised log-mel spectrogram of {@code wav}, shape {@code [numMels][frames(wav.length)]}. */
    public float[][] compute(float[] wav) {
        int n = wav.length;
        int nFft = hp.nFft();
        int pad = nFft / 2;
        // Pre-emphasis (scipy.signal.lfilter([1, -k], [1], wav)): y[0] = x[0], in double.
        double[] padded = new double[n + 2 * pad];      // librosa 0.9.2 pads with zeros, not reflect
        double k = hp.preemphasis();
        for (int i = 0; i < n; i++) {
            padded[pad + i] = i == 0 ? wav[0] : wav[i] - k * wav[i - 1];
        }
        int frames = frames(n);
        int bins = nFft / 2 + 1;
        float[][] out = new float[hp.numMels()][frames];
        double[] re = new double[nFft];
        double[] specRe = new double[nFft];
        double[] specIm = new double[nFft];
        double[] mag = new double[bins];
        double scale = 2 * hp.maxAbsValue();
        for (int f = 0; f < frames; f++) {
            int start = f * hp.hopSize();
            for (int i = 0; i < nFft; i++) {
                re[i] = padded[start + i] * window[i];
            }
            fft.forward(re, null, specRe, specIm);
            for (int b = 0; b < bins; b++) {
                mag[b] = Math.sqrt(specRe[b] * specRe[b] + specIm[b] * specIm[b]);
            }
            for (int m = 0; m < basis.length; m++) {
                double s = 0;
                float[] row = basis[m];
                for (int b = basisFrom[m]; b < basisTo[m]; b++) {
                    s += row[b] * mag[b];
                }
                double db = 20 * Math.log10(Math.max(minLevel, s)) - hp.refLevelDb();
                double v = scale * ((db - hp.minLevelDb()) / -hp.minLevelDb()) - hp.maxAbsValue();
                out[m][f] = (float) Math.min(hp.maxAbsValue(), Math.max(-hp.maxAbsValue(), v));
            }
        }
        return out;
    }
}
