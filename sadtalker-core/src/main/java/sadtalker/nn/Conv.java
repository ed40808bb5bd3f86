package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import sadtalker.checkpoint.Params;

/**
 * {@code nn.Conv1d/2d/3d} (with the {@code spectral_norm} variant) as a value: weight, optional
 * bias, stride, padding, dilation and groups; the rank follows from the weight.
 *
 * @param weight {@code (out, in/groups, k...)}
 * @param bias {@code (out)} or null
 */
public record Conv(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {

    /** Loads {@code weight} (and {@code bias} when {@code hasBias}) of a square conv from {@code p}. */
    public static Conv load(Params p, int dims, long in, long out, long kernel, long stride, long padding,
            boolean hasBias) {
        return load(p, dims, in, out, kernel, stride, padding, 1, 1, hasBias);
    }

    /** As {@link #load(Params, int, long, long, long, long, long, boolean)} with dilation and groups. */
    public static Conv load(Params p, int dims, long in, long out, long kernel, long stride, long padding,
            long dilation, int groups, boolean hasBias) {
        NDArray w = p.tensor("weight", weightShape(dims, in / groups, out, kernel));
        NDArray b = hasBias ? p.tensor("bias", out) : null;
        return new Conv(w, b, fill(dims, stride), fill(dims, padding), fill(dims, dilation), groups);
    }

    /**
     * A spectral-norm conv: loads {@code weight_orig}, {@code weight_u}, {@code weight_v} and keeps
     * the eval-mode weight {@link SpectralNorm#weight}.
     */
    public static Conv loadSpectral(Params p, int dims, long in, long out, long kernel, long stride, long padding,
            boolean hasBias) {
        long[] shape = weightShape(dims, in, out, kernel);
        NDArray orig = p.tensor("weight_orig", shape);
        NDArray u = p.tensor("weight_u", out);
        NDArray v = p.tensor("weight_v", in * (long) Math.pow(kernel, dims));
        NDArray w = SpectralNorm.weight(orig, u, v);
        orig.close();
        u.close();
        v.close();
        NDArray b = hasBias ? p.tensor("bias", out) : null;
        return new Conv(w, b, fill(dims, stride), fill(dims, padding), fill(dims, 1), 1);
    }

    /** Applies the convolution to {@code (N, C, spatial...)}; the result belongs to {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride), new Shape(padding),
                new Shape(dilation), groups).singletonOrThrow();
    }

    private static long[] weightShape(int dims, long inPerGroup, long out, long kernel) {
        long[] s = new long[dims + 2];
        s[0] = out;
        s[1] = inPerGroup;
        Arrays.fill(s, 2, s.length, kernel);
        return s;
    }

    private static long[] fill(int dims, long value) {
        long[] a = new long[dims];
        Arrays.fill(a, value);
        return a;
    }
}
