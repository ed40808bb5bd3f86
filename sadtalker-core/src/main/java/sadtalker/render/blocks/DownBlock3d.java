package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.Scopes;

/**
 * Port of {@code src/facerender/modules/util.py::DownBlock3d}: Conv3d 3×3×3 p1 → BatchNorm3d
 * (eval) → ReLU → AvgPool3d((1, 2, 2)): H and W halve, the depth stays.
 */
public final class DownBlock3d {
    private final Conv conv;
    private final BatchNorm norm;

    /** Loads {@code conv.*} and {@code norm.*} of a block {@code in → out}. */
    public DownBlock3d(Params p, long in, long out) {
        this.conv = Conv.load(p.sub("conv"), 3, in, out, 3, 1, 1, true);
        this.norm = BatchNorm.load(p.sub("norm"), out);
    }

    /** {@code (N, in, D, H, W)} → {@code (N, out, D, H/2, W/2)}. */
    public NDArray forward(NDArray x) {
        NDArray out = conv.forward(x);
        out = Scopes.consume(out, norm::forward);
        out = Scopes.consume(out, Activation::relu);
        return Scopes.consume(out,
                o -> Pool.avgPool3d(o, new Shape(1, 2, 2), new Shape(1, 2, 2), new Shape(0, 0, 0), false, true));
    }
}
