package sadtalker.testkit;

import java.nio.charset.StandardCharsets;

/**
 * "detweights v1": the deterministic parameters the parity cases were generated with
 * ({@code shared/parity/README.md}), so that cases need not store them. Each float tensor's values
 * follow from its state-dict key, its shape and a seed through FNV-1a and SplitMix64; the
 * distribution depends on the key's last segment and the tensor's rank.
 */
public final class DetWeights {
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private DetWeights() {}

    /** FNV-1a (64 bit) of the UTF-8 bytes of {@code text}. */
    public static long fnv1a64(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /** The uniform number {@code u} in [0, 1) of element {@code i} of tensor {@code name}. */
    public static double uniform(String name, long seed, long i) {
        long z = (fnv1a64(name) ^ seed) + (i + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 40) / (double) (1L << 24);
    }

    /** The values of float tensor {@code name} of {@code shape}, row-major. */
    public static float[] values(String name, long[] shape, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        String segment = name.substring(name.lastIndexOf('.') + 1);
        double fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        double scale = shape.length >= 2 ? Math.sqrt(3.0 / fanIn) : 0;
        float[] out = new float[Math.toIntExact(n)];
        for (int i = 0; i < out.length; i++) {
            double u = uniform(name, seed, i);
            double r = 2 * u - 1;
            double v;
            if (segment.equals("running_var")) {
                v = 0.5 + u;
            } else if (segment.equals("running_mean")) {
                v = 0.1 * r;
            } else if (segment.endsWith("_u") || segment.endsWith("_v")) {
                v = r;
            } else if (shape.length >= 2) {
                v = r * scale;
            } else if (segment.equals("weight") && shape.length == 1) {
                v = 1 + 0.1 * r;
            } else {
                v = 0.1 * r;
            }
            out[i] = (float) v;
        }
        return out;
    }

    /** True for the keys detweights leaves at zero: integer buffers such as {@code num_batches_tracked}. */
    public static boolean isIntegerBuffer(String name) {
        return name.endsWith("num_batches_tracked");
    }
}
