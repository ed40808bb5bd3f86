package sadtalker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;
import sadtalker.testkit.DetWeights;

class SpectralNormVectorsTest {

    /** W = diag(2, −5) padded with a zero column: v = ±e₂, σ = 5, and the sign rule makes v = +e₂. */
    @Test
    void known_matrix_gives_its_singular_vector_with_the_positive_sign() {
        float[] w = {2, 0, 0, 0, -5, 0};
        SpectralNormVectors sn = SpectralNormVectors.of(w, 2, 3);
        assertEquals(5.0, sn.sigma(), 1e-12);
        assertArrayEquals(new float[] {0, 1, 0}, sn.v());
        // u = W v / |W v| = (0, −5) / 5
        assertArrayEquals(new float[] {0, -1}, sn.u());
    }

    /** Tall matrices (out > in) take the other Gram matrix; the same rules hold. */
    @Test
    void tall_matrix() {
        float[] w = {1, 0, 0, -3, 0, 0, 0, 0};
        SpectralNormVectors sn = SpectralNormVectors.of(w, 4, 2);
        assertEquals(3.0, sn.sigma(), 1e-12);
        assertArrayEquals(new float[] {0, 1}, sn.v());
        assertArrayEquals(new float[] {0, -1, 0, 0}, sn.u());
    }

    /**
     * A layer of the face renderer (up_0.conv_s, 256 × 512, detweights): v is a unit vector, |W v|
     * equals the largest singular value from EJML's SVD (another algorithm), u = W v / |W v|, and
     * v is a fixed point of the power iteration (Wᵀ W v ∥ v).
     */
    @Test
    void real_size_layer_matches_an_independent_svd() {
        long[] shape = {256, 512, 1, 1};
        float[] w = DetWeights.values("decoder.up_0.conv_s.weight_orig", shape, 1);
        int rows = 256;
        int cols = w.length / rows;
        SpectralNormVectors sn = SpectralNormVectors.of(w, rows, cols);

        double[] v = toDouble(sn.v());
        assertEquals(1.0, norm(v), 1e-6);
        double[] wv = mult(w, rows, cols, v);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < w.length; i++) {
            m.data[i] = w[i];
        }
        double[] singular = SingularOps_DDRM.singularValues(m);
        double top = 0;
        for (double s : singular) {
            top = Math.max(top, s);
        }
        assertEquals(top, sn.sigma(), 1e-9 * top);
        assertEquals(top, norm(wv), 1e-6 * top);

        double[] u = toDouble(sn.u());
        for (int i = 0; i < rows; i++) {
            assertEquals(wv[i] / norm(wv), u[i], 1e-6);
        }
        // Wᵀ (W v) / σ² = v for the leading singular vector.
        double[] back = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                back[c] += w[r * cols + c] * wv[r];
            }
        }
        for (int c = 0; c < cols; c++) {
            assertEquals(v[c], back[c] / (top * top), 1e-5);
        }
        // The sign rule: the largest-magnitude entry of v is positive.
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        assertTrue(v[largest] > 0, "largest entry of v is " + v[largest]);
    }

    @Test
    void rejects_a_wrong_shape_and_a_zero_matrix() {
        assertThrows(IllegalArgumentException.class, () -> SpectralNormVectors.of(new float[6], 4, 2));
        assertThrows(IllegalArgumentException.class, () -> SpectralNormVectors.of(new float[6], 2, 3));
    }

    private static void assertArrayEquals(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-7, "element " + i);
        }
    }

    private static double[] mult(float[] w, int rows, int cols, double[] x) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r] += w[r * cols + c] * x[c];
            }
        }
        return out;
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
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
}
