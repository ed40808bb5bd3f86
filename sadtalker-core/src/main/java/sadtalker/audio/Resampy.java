package sadtalker.audio;

/**
 * resampy 0.3.1's {@code resample(x, sr_orig, sr_new, filter="kaiser_best")}, which librosa 0.9.2's
 * {@code load(path, sr=16000)} calls and so SadTalker's {@code load_wav}: band-limited sinc
 * interpolation (J. O. Smith's method) with a Kaiser-windowed sinc table.
 *
 * <p>The table is written by hand from its formula, because resampy ships it only as a data file:
 * {@code h[j] = ρ·sinc(ρ·j/8192)·I0(β·sqrt(1 − (j/409600)²)) / I0(β)}, j = 0…409600 (50 zero
 * crossings × 8192 points each), ρ = 0.9173473712608761 (roll-off), β = 12.984585247040016
 * (recovered by fitting the shipped table; it matches to 1e-15, see stages-audio.md). The output
 * accumulates in float32 as resampy's does ({@code y} has the input's dtype), so every addition is
 * done in double and rounded back to float.
 */
public final class Resampy {
    static final int PRECISION = 8192;
    static final int ZERO_CROSSINGS = 50;
    static final double ROLLOFF = 0.9173473712608761;
    static final double BETA = 12.984585247040016;

    private static volatile double[] table;

    private Resampy() {}

    /**
     * Resamples mono {@code x} from {@code srOrig} to {@code srNew}: {@code int(N·srNew/srOrig)}
     * samples (resampy's count; librosa then pads to the ceiling, see {@link LoadWav}).
     */
    public static float[] kaiserBest(float[] x, int srOrig, int srNew) {
        if (srOrig <= 0 || srNew <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + srOrig + " and " + srNew);
        }
        double ratio = (double) srNew / srOrig;
        int nOut = (int) (x.length * ratio);
        if (nOut < 1) {
            throw new AudioException(AudioException.Reason.TOO_SHORT, x.length + " samples at " + srOrig
                    + " Hz give no sample at " + srNew + " Hz");
        }
        double[] h = table();
        double[] win = h;
        if (ratio < 1) {                          // downsampling: the filter's gain scales with the ratio
            win = new double[h.length];
            for (int j = 0; j < h.length; j++) {
                win[j] = ratio * h[j];
            }
        }
        double[] delta = new double[win.length];  // np.diff(win, append=win[-1]): the last is 0
        for (int j = 0; j + 1 < win.length; j++) {
            delta[j] = win[j + 1] - win[j];
        }
        int nWin = win.length;
        int nOrig = x.length;
        double scale = Math.min(1.0, ratio);
        int indexStep = (int) (scale * PRECISION);
        double timeIncrement = 1.0 / ratio;
        float[] y = new float[nOut];
        for (int t = 0; t < nOut; t++) {
            double time = t * timeIncrement;
            int n = (int) time;
            // left wing: x[n], x[n-1], ...
            double frac = scale * (time - n);
            double indexFrac = frac * PRECISION;
            int offset = (int) indexFrac;
            double eta = indexFrac - offset;
            int iMax = Math.min(n + 1, (nWin - offset) / indexStep);
            float acc = 0f;
            for (int i = 0; i < iMax; i++) {
                int j = offset + i * indexStep;
                double weight = win[j] + eta * delta[j];
                acc = (float) (acc + weight * x[n - i]);
            }
            // right wing: x[n+1], x[n+2], ...
            frac = scale - frac;
            indexFrac = frac * PRECISION;
            offset = (int) indexFrac;
            eta = indexFrac - offset;
            int kMax = Math.min(nOrig - n - 1, (nWin - offset) / indexStep);
            for (int k = 0; k < kMax; k++) {
                int j = offset + k * indexStep;
                double weight = win[j] + eta * delta[j];
                acc = (float) (acc + weight * x[n + k + 1]);
            }
            y[t] = acc;
        }
        return y;
    }

    /** The kaiser_best half-window table, computed once. */
    static double[] table() {
        double[] t = table;
        if (t == null) {
            synchronized (Resampy.class) {
                t = table;
                if (t == null) {
                    t = buildTable();
                    table = t;
                }
            }
        }
        return t;
    }

    private static double[] buildTable() {
        int n = ZERO_CROSSINGS * PRECISION;
        double[] h = new double[n + 1];
        double i0Beta = besselI0(BETA);
        for (int j = 0; j <= n; j++) {
            double x = ROLLOFF * j / PRECISION;
            double sinc = j == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = (double) j / n;
            double kaiser = besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[j] = ROLLOFF * sinc * kaiser;
        }
        return h;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (exact to double for x ≤ 30). */
    static double besselI0(double x) {
        double q = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
