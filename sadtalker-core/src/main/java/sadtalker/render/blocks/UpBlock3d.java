package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;
import sadtalker.nn.Scopes;

/**
 * Port of {@code src/facerender/modules/util.py::UpBlock3d}: {@code F.interpolate(scale_factor=(1,
 * 2, 2))} (nearest) → Conv3d 3×3×3 p1 → BatchNorm3d (eval) → ReLU.
 */
public final class UpBlock3d {
    private final Conv conv;
    private final BatchNorm norm;

    /** Loads {@code conv.*} and {@code norm.*} of a block {@code in → out}. */
    public UpBlock3d(Params p, long in, long out) {
        this.conv = Conv.load(p.sub("conv"), 3, in, out, 3, 1, 1, true);
        this.norm = BatchNorm.load(p.sub("norm"), out);
    }

    /** {@code (N, in, D, H, W)} → {@code (N, out, D, 2H, 2W)}. */
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        NDArray out = Interpolate.nearest(x, s.get(2), s.get(3) * 2, s.get(4) * 2);
        out = Scopes.consume(out, conv::forward);
        out = Scopes.consume(out, norm::forward);
        return Scopes.consume(out, Activation::relu);
    }
}
