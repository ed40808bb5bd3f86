package sadtalker.testkit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The converged state of {@code torch.nn.utils.spectral_norm}'s power iteration for a weight, as a
 * trained checkpoint stores it in {@code weight_u} / {@code weight_v}: {@code v} the leading right
 * singular vector of {@code weight_orig} reshaped to {@code (out, -1)}, {@code u = W v / |W v|}.
 * Computed in double with EJML's symmetric eigensolver on the smaller Gram matrix (power iteration
 * converges slowly here: the top singular values of a random matrix lie close together). The sign,
 * free for a singular vector, is fixed so that v's largest-magnitude entry is positive, as the
 * parity reference does (shared/parity/README.md, end-to-end models).
 *
 * @param u {@code (out)}, unit length, float32 as stored
 * @param v {@code (in·k…)}, unit length, float32 as stored
 * @param sigma the largest singular value (double)
 */
public record SpectralNormVectors(float[] u, float[] v, double sigma) {

    /** The vectors of {@code weight} ({@code rows × cols}, row-major, e.g. a float32 conv weight). */
    public static SpectralNormVectors of(float[] weight, int rows, int cols) {
        if ((long) rows * cols != weight.length || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(weight.length + " values are not a " + rows + " x " + cols + " matrix");
        }
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < weight.length; i++) {
            w.data[i] = weight[i];
        }
        double[] v;
        if (rows <= cols) {
            // Leading eigenvector of W Wᵀ is the left singular vector; v = Wᵀ u / |Wᵀ u|.
            double[] left = leadingEigenvector(gram(w, true));
            v = normalize(multTransposed(w, left));
        } else {
            v = leadingEigenvector(gram(w, false));
        }
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        if (v[largest] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        double[] wv = mult(w, v);
        double sigma = norm(wv);
        return new SpectralNormVectors(toFloat(normalize(wv)), toFloat(v), sigma);
    }

    private static DMatrixRMaj gram(DMatrixRMaj w, boolean rowsSide) {
        int n = rowsSide ? w.numRows : w.numCols;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        if (rowsSide) {
            CommonOps_DDRM.multTransB(w, w, g);
        } else {
            CommonOps_DDRM.multTransA(w, w, g);
        }
        return g;
    }

    private static double[] leadingEigenvector(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, true, true);
        if (!eig.decompose(symmetric)) {
            throw new IllegalStateException("eigendecomposition of a " + symmetric.numRows + "² Gram matrix failed");
        }
        int best = 0;
        for (int i = 1; i < eig.getNumberOfEigenvalues(); i++) {
            if (eig.getEigenvalue(i).real > eig.getEigenvalue(best).real) {
                best = i;
            }
        }
        return eig.getEigenVector(best).data.clone();
    }

    private static double[] mult(DMatrixRMaj w, double[] x) {
        double[] out = new double[w.numRows];
        for (int r = 0; r < w.numRows; r++) {
            double s = 0;
            int base = r * w.numCols;
            for (int c = 0; c < w.numCols; c++) {
                s += w.data[base + c] * x[c];
            }
            out[r] = s;
        }
        return out;
    }

    private static double[] multTransposed(DMatrixRMaj w, double[] y) {
        double[] out = new double[w.numCols];
        for (int r = 0; r < w.numRows; r++) {
            int base = r * w.numCols;
            for (int c = 0; c < w.numCols; c++) {
                out[c] += w.data[base + c] * y[r];
            }
        }
        return out;
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double d : x) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double[] normalize(double[] x) {
        double n = norm(x);
        if (n == 0) {
            throw new IllegalArgumentException("zero matrix has no leading singular vector");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / n;
        }
        return out;
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
