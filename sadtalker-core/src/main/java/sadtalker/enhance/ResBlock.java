package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;

/**
 * GFPGAN {@code gfpganv1_clean_arch.py : ResBlock}: a residual block that resamples bilinearly
 * (×0.5 down = an exact 2×2 mean, or ×2 up) between its two 3×3 convs, with a 1×1 skip (no bias)
 * on the resampled input.
 */
final class ResBlock {
    private final Conv conv1;
    private final Conv conv2;
    private final Conv skip;
    private final boolean down;

    ResBlock(Params p, long in, long out, boolean down) {
        this.conv1 = Conv.load(p.sub("conv1"), 2, in, in, 3, 1, 1, true);
        this.conv2 = Conv.load(p.sub("conv2"), 2, in, out, 3, 1, 1, true);
        this.skip = Conv.load(p.sub("skip"), 2, in, out, 1, 1, 0, false);
        this.down = down;
    }

    NDArray forward(NDArray x) {
        NDArray out = Activation.leakyRelu(conv1.forward(x), 0.2f);
        out = resample(out);
        out = Activation.leakyRelu(conv2.forward(out), 0.2f);
        NDArray s = skip.forward(resample(x));
        return out.add(s);
    }

    private NDArray resample(NDArray x) {
        Shape s = x.getShape();
        long h = down ? s.get(2) / 2 : s.get(2) * 2;
        long w = down ? s.get(3) / 2 : s.get(3) * 2;
        return Interpolate.bilinear(x, h, w, false);
    }
}
