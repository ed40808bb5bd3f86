package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;

/**
 * Port of {@code src/facerender/modules/util.py::AntiAliasInterpolation2d}: band-limited
 * downsampling by {@code scale}. A depthwise Gaussian ({@code σ = (1/scale − 1)/2}, size
 * {@code 2·round(4σ) + 1}) over a zero-padded input, keeping every {@code 1/scale}-th pixel from
 * index 0. The padded convolution followed by {@code [::s, ::s]} equals a convolution with stride
 * {@code s}, which is what runs here.
 */
public final class AntiAliasInterpolation2d {
    private final float scale;
    private final Conv conv;

    private AntiAliasInterpolation2d(float scale, NDArray weight, int channels) {
        this.scale = scale;
        int size = kernelSize(scale);
        int ka = size / 2;                     // odd size: ka == kb, so the pad is symmetric
        long step = (long) (1 / (double) scale);
        this.conv = new Conv(weight, null, new long[] {step, step}, new long[] {ka, ka}, new long[] {1, 1}, channels);
    }

    /** Loads the kernel buffer {@code weight} (as KPDetector's {@code down.weight}). */
    public static AntiAliasInterpolation2d load(Params p, int channels, float scale) {
        int size = kernelSize(scale);
        return new AntiAliasInterpolation2d(scale, p.tensor("weight", channels, 1, size, size), channels);
    }

    /** Builds the kernel as the constructor does (for the stand-alone stage). */
    public static AntiAliasInterpolation2d create(NDManager manager, int channels, float scale) {
        return new AntiAliasInterpolation2d(scale, kernel(manager, channels, scale), channels);
    }

    /** {@code 2·round(4σ) + 1} with Python's round (half to even). */
    static int kernelSize(float scale) {
        double sigma = (1 / (double) scale - 1) / 2;
        return 2 * (int) Math.rint(sigma * 4) + 1;
    }

    /** The constructor's float32 kernel {@code (channels, 1, k, k)}, normalised to sum 1. */
    public static NDArray kernel(NDManager manager, int channels, float scale) {
        int size = kernelSize(scale);
        return manager.create(kernelValues(channels, scale), new Shape(channels, 1, size, size));
    }

    /** The values of {@link #kernel}, row-major (the synthetic models store them as the checkpoint buffer). */
    public static float[] kernelValues(int channels, float scale) {
        double sigma = (1 / (double) scale - 1) / 2;
        int size = kernelSize(scale);
        float mean = (float) ((size - 1) / 2.0);
        float denominator = (float) (2 * sigma * sigma);
        float[] g = new float[size];
        for (int i = 0; i < size; i++) {
            float d = i - mean;
            g[i] = (float) Math.exp(-(d * d) / denominator);
        }
        float[] k = new float[size * size];
        float sum = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i * size + j] = g[i] * g[j];
                sum += k[i * size + j];
            }
        }
        float[] all = new float[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < k.length; i++) {
                all[c * k.length + i] = k[i] / sum;
            }
        }
        return all;
    }

    /** {@code (N, C, H, W)} → {@code (N, C, ceil(H·scale), ceil(W·scale))}; scale 1 returns the input. */
    public NDArray forward(NDArray x) {
        if (scale == 1f) {
            return x;
        }
        return conv.forward(x);
    }
}
