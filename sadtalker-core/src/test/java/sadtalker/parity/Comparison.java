package sadtalker.parity;

import java.util.Arrays;

/**
 * One output compared as the parity README defines it: it passes when
 * {@code max|actual − expected| ≤ atol + rtol · max|expected|} over the whole tensor.
 *
 * @param output the output's name
 * @param worst the largest absolute difference (infinite for a NaN or a shape mismatch)
 * @param where the index of the worst element, or what went wrong
 * @param allowed {@code atol + rtol · max|expected|}
 */
public record Comparison(String output, double worst, String where, double allowed) {

    public boolean passed() {
        return worst <= allowed;
    }

    /** Compares {@code actual} of {@code actualShape} against {@code expected} of {@code expectedShape}. */
    public static Comparison of(String output, float[] actual, long[] actualShape, float[] expected,
            long[] expectedShape, double atol, double rtol) {
        double maxExpected = 0;
        for (float e : expected) {
            maxExpected = Math.max(maxExpected, Math.abs(e));
        }
        double allowed = atol + rtol * maxExpected;
        if (!Arrays.equals(actualShape, expectedShape)) {
            return new Comparison(output, Double.POSITIVE_INFINITY,
                    "shape " + Arrays.toString(actualShape) + " != expected " + Arrays.toString(expectedShape), allowed);
        }
        double worst = -1;
        int worstAt = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            if (d > worst) {
                worst = d;
                worstAt = i;
            }
        }
        if (expected.length == 0) {
            return new Comparison(output, 0, "empty", allowed);
        }
        return new Comparison(output, worst, output + index(worstAt, expectedShape)
                + " = " + actual[worstAt] + " vs " + expected[worstAt], allowed);
    }

    static String index(int flat, long[] shape) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = rest % shape[i];
            rest /= shape[i];
        }
        return Arrays.toString(idx);
    }
}
