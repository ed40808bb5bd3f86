package sadtalker.audio;

/**
 * librosa 0.9.2's {@code filters.mel} with its defaults {@code htk=False, norm="slaney"}, which
 * SadTalker's {@code _build_mel_basis} uses: triangles on the Slaney mel scale (linear below
 * 1 kHz, logarithmic above), each scaled to unit area by {@code 2 / (f[i+2] - f[i])}.
 *
 * <p>librosa fills a float32 array: each triangle value is rounded to float32 when stored, then
 * multiplied in place by the (double) area factor and rounded again. Both roundings are kept.
 */
final class MelFilters {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOGSTEP = Math.log(6.4) / 27.0;

    private MelFilters() {}

    /** The {@code (nMels, 1 + nFft/2)} filter bank. */
    static float[][] slaney(int sr, int nFft, int nMels, double fmin, double fmax) {
        int bins = 1 + nFft / 2;
        double[] fftFreqs = linspace(0, sr / 2.0, bins);
        double[] mels = linspace(hzToMel(fmin), hzToMel(fmax), nMels + 2);
        double[] melF = new double[mels.length];
        for (int i = 0; i < mels.length; i++) {
            melF[i] = melToHz(mels[i]);
        }
        float[][] weights = new float[nMels][bins];
        for (int i = 0; i < nMels; i++) {
            double lowerDiff = melF[i + 1] - melF[i];
            double upperDiff = melF[i + 2] - melF[i + 1];
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            for (int b = 0; b < bins; b++) {
                double lower = -(melF[i] - fftFreqs[b]) / lowerDiff;
                double upper = (melF[i + 2] - fftFreqs[b]) / upperDiff;
                float w = (float) Math.max(0, Math.min(lower, upper));
                weights[i][b] = (float) (w * enorm);
            }
        }
        return weights;
    }

    static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
    }

    static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    /** numpy's {@code linspace}: {@code start + i·step}, the last point exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }
}
