package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;
import sadtalker.nn.Linear;

/**
 * GFPGAN {@code stylegan2_clean_arch.py : ModulatedConv2d} (batch 1): the weight is scaled per
 * input channel by {@code modulation(style)}, optionally demodulated, and the input is
 * upsampled ×2 bilinearly <em>before</em> a plain convolution (no transposed conv, no blur).
 */
final class ModulatedConv2d {
    private final Linear modulation;
    private final NDArray weight; // (1, out, in, k, k)
    private final long in;
    private final long out;
    private final long kernel;
    private final boolean demodulate;
    private final boolean upsample;

    ModulatedConv2d(Params p, long in, long out, long kernel, long numStyleFeat, boolean demodulate, boolean upsample) {
        this.modulation = Linear.load(p.sub("modulation"), numStyleFeat, in, true);
        this.weight = p.tensor("weight", 1, out, in, kernel, kernel);
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.demodulate = demodulate;
        this.upsample = upsample;
    }

    /** @param x (1, in, h, w); @param style (1, num_style_feat) */
    NDArray forward(NDArray x, NDArray style) {
        NDArray s = modulation.forward(style).reshape(1, 1, in, 1, 1);
        NDArray w = s.mul(weight).reshape(out, in * kernel * kernel); // (out, in·k·k)
        if (demodulate) {
            NDArray demod = w.square().sum(new int[] {1}, true).add(1e-8f).pow(-0.5f); // rsqrt(Σ w² + eps)
            w = w.mul(demod);
        }
        w = w.reshape(new Shape(out, in, kernel, kernel));
        if (upsample) {
            Shape sh = x.getShape();
            x = Interpolate.bilinear(x, sh.get(2) * 2, sh.get(3) * 2, false);
        }
        long pad = kernel / 2;
        return new Conv(w, null, new long[] {1, 1}, new long[] {pad, pad}, new long[] {1, 1}, 1).forward(x);
    }
}
