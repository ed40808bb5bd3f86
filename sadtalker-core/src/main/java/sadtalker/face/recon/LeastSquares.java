package sadtalker.face.recon;

/** Small dense least squares ({@code np.linalg.lstsq} for a full-column-rank matrix) by Householder QR. */
final class LeastSquares {
    private LeastSquares() {}

    /** Minimises {@code ‖A k − b‖} for an m×n {@code a} (m ≥ n, full column rank); inputs are not modified. */
    static double[] solve(double[][] a, double[] b) {
        int m = a.length;
        int n = a[0].length;
        double[][] r = new double[m][];
        for (int i = 0; i < m; i++) {
            r[i] = a[i].clone();
        }
        double[] y = b.clone();
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += r[i][j] * r[i][j];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalArgumentException("least squares: matrix is rank deficient");
            }
            double alpha = r[j][j] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = j; i < m; i++) {
                v[i] = r[i][j];
            }
            v[j] -= alpha;
            double vv = 0;
            for (int i = j; i < m; i++) {
                vv += v[i] * v[i];
            }
            for (int c = j; c < n; c++) {
                double dot = 0;
                for (int i = j; i < m; i++) {
                    dot += v[i] * r[i][c];
                }
                double f = 2 * dot / vv;
                for (int i = j; i < m; i++) {
                    r[i][c] -= f * v[i];
                }
            }
            double dot = 0;
            for (int i = j; i < m; i++) {
                dot += v[i] * y[i];
            }
            double f = 2 * dot / vv;
            for (int i = j; i < m; i++) {
                y[i] -= f * v[i];
            }
        }
        double[] k = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int c = i + 1; c < n; c++) {
                sum -= r[i][c] * k[c];
            }
            k[i] = sum / r[i][i];
        }
        return k;
    }
}
