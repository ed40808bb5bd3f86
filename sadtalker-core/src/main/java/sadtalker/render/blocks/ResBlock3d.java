package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.Scopes;

/**
 * Port of {@code src/facerender/modules/util.py::ResBlock3d} (pre-activation):
 * {@code x + conv2(relu(norm2(conv1(relu(norm1(x))))))}, Conv3d 3×3×3 p1, channels kept.
 */
public final class ResBlock3d {
    private final Conv conv1;
    private final Conv conv2;
    private final BatchNorm norm1;
    private final BatchNorm norm2;

    /** Loads {@code conv1, conv2, norm1, norm2} over {@code features} channels. */
    public ResBlock3d(Params p, long features) {
        this.conv1 = Conv.load(p.sub("conv1"), 3, features, features, 3, 1, 1, true);
        this.conv2 = Conv.load(p.sub("conv2"), 3, features, features, 3, 1, 1, true);
        this.norm1 = BatchNorm.load(p.sub("norm1"), features);
        this.norm2 = BatchNorm.load(p.sub("norm2"), features);
    }

    /** {@code (N, C, D, H, W)} → same shape. */
    public NDArray forward(NDArray x) {
        NDArray out = norm1.forward(x);
        out = Scopes.consume(out, Activation::relu);
        out = Scopes.consume(out, conv1::forward);
        out = Scopes.consume(out, norm2::forward);
        out = Scopes.consume(out, Activation::relu);
        out = Scopes.consume(out, conv2::forward);
        return out.addi(x);                                     // out is ours: add in place
    }
}
