package sadtalker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AntiAliasKernelTest {

    /** KPDetector's scale 0.25: σ = 1.5, size 2·round(6)+1 = 13 (the manifest's [3, 1, 13, 13]). */
    @Test
    void size_follows_sigma() {
        assertEquals(13, AntiAliasKernel.size(0.25));
        assertEquals(5, AntiAliasKernel.size(0.5)); // σ = 0.5: 2·round(2)+1
    }

    @Test
    void each_channel_sums_to_one_and_matches_the_gaussian() {
        int size = 13;
        float[] k = AntiAliasKernel.weight(3, 0.25);
        assertEquals(3 * size * size, k.length);
        double z = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                z += gauss(i, j);
            }
        }
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    double value = k[c * size * size + i * size + j];
                    sum += value;
                    assertEquals(gauss(i, j) / z, value, 1e-6 * gauss(i, j) / z + 1e-12, "(" + c + ", " + i + ", " + j + ")");
                }
            }
            assertEquals(1.0, sum, 1e-6);
        }
        // Centre is the peak, corners are tiny but positive, the kernel is symmetric.
        assertEquals(k[6 * size + 6], max(k), 0);
        assertEquals(k[0], k[size * size - 1], 0);
        assertEquals(k[1], k[size], 0);
    }

    @Test
    void rejects_a_scale_without_anti_aliasing() {
        assertThrows(IllegalArgumentException.class, () -> AntiAliasKernel.weight(3, 1));
        assertThrows(IllegalArgumentException.class, () -> AntiAliasKernel.weight(3, 0));
    }

    /** exp(−((i−6)² + (j−6)²) / (2σ²)), σ = 1.5, in double. */
    private static double gauss(int i, int j) {
        return Math.exp(-((i - 6) * (i - 6) + (j - 6) * (j - 6)) / 4.5);
    }

    private static float max(float[] x) {
        float m = Float.NEGATIVE_INFINITY;
        for (float f : x) {
            m = Math.max(m, f);
        }
        return m;
    }
}
