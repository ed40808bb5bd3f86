package sadtalker.testkit;

import sadtalker.render.blocks.AntiAliasInterpolation2d;

/**
 * The Gaussian kernel {@code AntiAliasInterpolation2d} (SadTalker src/facerender/modules/util.py)
 * computes in its constructor and keeps as its {@code weight} buffer, so a trained checkpoint holds
 * it: σ = (1/scale − 1)/2, size 2·round(4σ)+1, the product of two 1-D Gaussians centred on
 * (size−1)/2, divided by its sum, repeated per channel. Evaluated in float32 step by step as the
 * constructor does (exp of a float32 argument, float32 products, sum and division), by the product's
 * {@link AntiAliasInterpolation2d#kernelValues}.
 */
public final class AntiAliasKernel {
    private AntiAliasKernel() {}

    /** The kernel's side for {@code scale}. */
    public static int size(double scale) {
        double sigma = sigma(scale);
        // Python's round() rounds half to even; 4σ is never a half-integer for the scales used.
        return 2 * (int) Math.rint(sigma * 4) + 1;
    }

    /** The buffer {@code (channels, 1, size, size)}, row-major. */
    public static float[] weight(int channels, double scale) {
        sigma(scale); // refuses a scale that needs no kernel
        // The product's own computation: the buffer a trained checkpoint holds is what the constructor
        // makes; the e2e render_frames comparison checks it against the reference.
        return AntiAliasInterpolation2d.kernelValues(channels, (float) scale);
    }

    private static double sigma(double scale) {
        if (!(scale > 0 && scale < 1)) {
            throw new IllegalArgumentException("anti-alias scale must be in (0, 1) (1 needs no anti-aliasing), got " + scale);
        }
        return (1 / scale - 1) / 2;
    }
}
