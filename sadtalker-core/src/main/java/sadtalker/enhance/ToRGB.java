package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Interpolate;

/**
 * GFPGAN {@code stylegan2_clean_arch.py : ToRGB}: 1×1 modulated conv without demodulation, plus
 * bias, plus the previous RGB skip upsampled ×2 bilinearly (not for {@code to_rgb1}).
 */
final class ToRGB {
    private final ModulatedConv2d modulatedConv;
    private final NDArray bias; // (1, 3, 1, 1)
    private final boolean upsample;

    ToRGB(Params p, long in, long numStyleFeat, boolean upsample) {
        this.modulatedConv = new ModulatedConv2d(p.sub("modulated_conv"), in, 3, 1, numStyleFeat, false, false);
        this.bias = p.tensor("bias", 1, 3, 1, 1);
        this.upsample = upsample;
    }

    /** @param skip previous RGB (1, 3, h/2, w/2), or null for the first */
    NDArray forward(NDArray x, NDArray style, NDArray skip) {
        NDArray out = modulatedConv.forward(x, style).add(bias);
        if (skip != null) {
            if (upsample) {
                Shape s = skip.getShape();
                skip = Interpolate.bilinear(skip, s.get(2) * 2, s.get(3) * 2, false);
            }
            out = out.add(skip);
        }
        return out;
    }
}
