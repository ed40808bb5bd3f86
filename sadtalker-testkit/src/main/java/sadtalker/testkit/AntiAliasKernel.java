package sadtalker.testkit;

/**
 * The Gaussian kernel {@code AntiAliasInterpolation2d} (SadTalker src/facerender/modules/util.py)
 * computes in its constructor and keeps as its {@code weight} buffer, so a trained checkpoint holds
 * it: σ = (1/scale − 1)/2, size 2·round(4σ)+1, the product of two 1-D Gaussians centred on
 * (size−1)/2, divided by its sum, repeated per channel. Evaluated in float32 step by step as the
 * constructor does (exp of a float32 argument, float32 products, sum and division).
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
        int size = size(scale);
        double sigma = sigma(scale);
        float twoVar = (float) (2 * sigma * sigma);
        float mean = (float) ((size - 1) / 2.0);
        float[] g = new float[size];
        for (int i = 0; i < size; i++) {
            float d = i - mean;
            g[i] = (float) Math.exp(-(d * d) / twoVar);
        }
        float[] k = new float[size * size];
        float sum = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i * size + j] = g[i] * g[j];
                sum += k[i * size + j];
            }
        }
        float[] out = new float[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < k.length; i++) {
                out[c * k.length + i] = k[i] / sum;
            }
        }
        return out;
    }

    private static double sigma(double scale) {
        if (!(scale > 0 && scale < 1)) {
            throw new IllegalArgumentException("anti-alias scale must be in (0, 1) (1 needs no anti-aliasing), got " + scale);
        }
        return (1 / scale - 1) / 2;
    }
}
