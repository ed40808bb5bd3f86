package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.Scopes;

/**
 * Port of {@code src/facerender/modules/util.py::SameBlock2d}: Conv2d → BatchNorm2d (eval) →
 * ReLU, or {@code nn.LeakyReLU()} with its default slope 0.01 when {@code lrelu} (the generator's
 * {@code third} block; not the 0.2 of the SPADE blocks).
 */
public final class SameBlock2d {
    private static final float DEFAULT_LEAKY_SLOPE = 0.01f;

    private final Conv conv;
    private final BatchNorm norm;
    private final boolean lrelu;

    /** Loads {@code conv.*} and {@code norm.*} of a block {@code in → out} with a square kernel. */
    public SameBlock2d(Params p, long in, long out, long kernel, long padding, boolean lrelu) {
        this.conv = Conv.load(p.sub("conv"), 2, in, out, kernel, 1, padding, true);
        this.norm = BatchNorm.load(p.sub("norm"), out);
        this.lrelu = lrelu;
    }

    /** {@code (N, in, H, W)} → {@code (N, out, H, W)}. */
    public NDArray forward(NDArray x) {
        NDArray out = conv.forward(x);
        out = Scopes.consume(out, norm::forward);
        return Scopes.consume(out, o -> lrelu ? Activation.leakyRelu(o, DEFAULT_LEAKY_SLOPE) : Activation.relu(o));
    }
}
