package sadtalker.parity;

import java.util.Arrays;

/**
 * The tolerance of a U8 image output: the largest absolute difference in levels ({@code max_abs}),
 * the mean absolute difference ({@code mean_abs}) and the fraction of values more than 2 levels off
 * ({@code frac_over_2}; NaN when the case does not bound it, then {@code max_abs} alone bounds the
 * outliers). All three must hold.
 */
public record ImageTolerance(double maxAbs, double meanAbs, double fracOver2) implements OutputTolerance {

    /** What a comparison measured. */
    public record Measured(int maxAbs, double meanAbs, double fracOver2, String where) {}

    /** Measures {@code actual} against {@code expected}; a shape mismatch is reported in {@code where} (max −1). */
    public static Measured measure(byte[] actual, long[] actualShape, byte[] expected, long[] expectedShape) {
        if (!Arrays.equals(actualShape, expectedShape) || actual.length != expected.length) {
            return new Measured(-1, Double.NaN, Double.NaN,
                    "shape " + Arrays.toString(actualShape) + " != expected " + Arrays.toString(expectedShape));
        }
        int max = 0;
        int maxAt = 0;
        long sum = 0;
        long over2 = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs((actual[i] & 0xFF) - (expected[i] & 0xFF));
            sum += d;
            over2 += d > 2 ? 1 : 0;
            if (d > max) {
                max = d;
                maxAt = i;
            }
        }
        int n = Math.max(expected.length, 1);
        String where = expected.length == 0 ? "empty" : Comparison.index(maxAt, expectedShape) + " = "
                + (actual[maxAt] & 0xFF) + " vs " + (expected[maxAt] & 0xFF);
        return new Measured(max, sum / (double) n, over2 / (double) n, where);
    }

    /** True when every bound holds. */
    public boolean passes(Measured m) {
        return m.maxAbs() >= 0 && m.maxAbs() <= maxAbs && m.meanAbs() <= meanAbs
                && (Double.isNaN(fracOver2) || m.fracOver2() <= fracOver2);
    }

    /** {@code max_abs 1 (≤ 2) mean_abs 0.0120 (≤ 0.1) frac_over_2 0 (≤ 0) at [..] = a vs e}. */
    public String describe(Measured m) {
        if (m.maxAbs() < 0) {
            return m.where();
        }
        return String.format("max_abs %d (<= %s) mean_abs %.4g (<= %s) frac_over_2 %.3g (<= %s) worst %s",
                m.maxAbs(), fmt(maxAbs), m.meanAbs(), fmt(meanAbs), m.fracOver2(),
                Double.isNaN(fracOver2) ? "-" : fmt(fracOver2), m.where());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
