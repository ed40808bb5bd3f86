package sadtalker.coeff;

/**
 * The head-pose smoothing of {@code src/test_audio2coeff.py::Audio2Coeff.generate}:
 * {@code scipy.signal.savgol_filter(pose, w, 2, axis=1)} with w = 13, or
 * {@code int((T − 1) / 2)·2 + 1} when T &lt; 13, in scipy's default mode {@code interp}: interior
 * samples are the least-squares quadratic over the centred window evaluated at its centre; the
 * first and last {@code w / 2} samples come from one quadratic fitted to the first / last w
 * samples, evaluated at their positions (no padding). float32 in and out, double inside.
 */
public final class SavitzkyGolay {
    /** The window SadTalker uses from 13 frames on. */
    public static final int WINDOW = 13;
    /** The polynomial order. */
    public static final int ORDER = 2;

    private SavitzkyGolay() {}

    /** The window length the original picks for {@code t} frames. */
    public static int window(int t) {
        return t < WINDOW ? (t - 1) / 2 * 2 + 1 : WINDOW;
    }

    /**
     * Smooths each column of {@code pose} ({@code [T][columns]}) over time, returning a new array.
     *
     * <p>Deviation: for T ≤ 2 the window would be 1, not above the order, and the original raises;
     * here the pose is returned unchanged (what a quadratic fitted to ≤ 3 points reproduces).
     */
    public static float[][] smooth(float[][] pose) {
        int t = pose.length;
        float[][] out = new float[t][];
        for (int i = 0; i < t; i++) {
            out[i] = pose[i].clone();
        }
        int w = window(t);
        if (w <= ORDER) {
            return out;
        }
        int half = w / 2;
        double[] centre = fitWeights(w, new double[] {half})[0];
        int cols = t == 0 ? 0 : pose[0].length;
        double[] edgePositions = new double[half];
        double[] tailPositions = new double[half];
        for (int i = 0; i < half; i++) {
            edgePositions[i] = i;
            tailPositions[i] = w - half + i;
        }
        double[][] head = fitWeights(w, edgePositions);
        double[][] tail = fitWeights(w, tailPositions);
        for (int c = 0; c < cols; c++) {
            for (int i = half; i < t - half; i++) {
                out[i][c] = (float) apply(centre, pose, i - half, c);
            }
            for (int i = 0; i < half; i++) {
                out[i][c] = (float) apply(head[i], pose, 0, c);
                out[t - half + i][c] = (float) apply(tail[i], pose, t - w, c);
            }
        }
        return out;
    }

    private static double apply(double[] weights, float[][] x, int from, int col) {
        double s = 0;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * x[from + j][col];
        }
        return s;
    }

    /**
     * For each evaluation position p, the weights {@code L[j]} with which the least-squares
     * polynomial of degree {@link #ORDER} through the points {@code (j, x_j)}, j = 0…w−1, takes
     * the value {@code Σ L[j]·x_j} at p: {@code L = v(p)ᵀ (AᵀA)⁻¹ Aᵀ}, with coordinates centred on
     * the window for conditioning.
     */
    static double[][] fitWeights(int w, double[] positions) {
        int k = ORDER + 1;
        double c = (w - 1) / 2.0;
        double[][] ata = new double[k][k];
        for (int j = 0; j < w; j++) {
            double[] v = powers(j - c, k);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    ata[a][b] += v[a] * v[b];
                }
            }
        }
        double[][] inv = invert(ata);
        double[][] out = new double[positions.length][w];
        for (int pi = 0; pi < positions.length; pi++) {
            double[] vp = powers(positions[pi] - c, k);
            double[] g = new double[k];                     // vpᵀ (AᵀA)⁻¹
            for (int b = 0; b < k; b++) {
                for (int a = 0; a < k; a++) {
                    g[b] += vp[a] * inv[a][b];
                }
            }
            for (int j = 0; j < w; j++) {
                double[] v = powers(j - c, k);
                double s = 0;
                for (int b = 0; b < k; b++) {
                    s += g[b] * v[b];
                }
                out[pi][j] = s;
            }
        }
        return out;
    }

    private static double[] powers(double x, int k) {
        double[] v = new double[k];
        v[0] = 1;
        for (int i = 1; i < k; i++) {
            v[i] = v[i - 1] * x;
        }
        return v;
    }

    /** Gauss–Jordan inverse with partial pivoting of a small symmetric positive definite matrix. */
    private static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
