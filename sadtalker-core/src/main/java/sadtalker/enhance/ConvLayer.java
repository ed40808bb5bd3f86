package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;

/**
 * facexlib {@code parsing/parsenet.py : ConvLayer} (kernel 3): optional nearest ×2 ({@code 'up'}),
 * <b>reflection</b> pad 1, conv (stride 2 for {@code 'down'}; bias only without BatchNorm),
 * optional eval BatchNorm ({@code norm.norm.*}), optional LeakyReLU(0.2).
 */
final class ConvLayer {
    enum Scale { NONE, UP, DOWN }

    private final Conv conv2d;
    private final BatchNorm norm;
    private final boolean relu;
    private final Scale scale;

    ConvLayer(Params p, long in, long out, Scale scale, boolean bn, boolean relu) {
        this.scale = scale;
        this.conv2d = Conv.load(p.sub("conv2d"), 2, in, out, 3, scale == Scale.DOWN ? 2 : 1, 0, !bn);
        this.norm = bn ? BatchNorm.load(p.sub("norm").sub("norm"), out) : null;
        this.relu = relu;
    }

    NDArray forward(NDArray x) {
        NDArray out = x;
        if (scale == Scale.UP) {
            out = Interpolate.nearest(out, out.getShape().get(2) * 2, out.getShape().get(3) * 2);
        }
        out = conv2d.forward(reflectionPad1(out));
        if (norm != null) {
            out = norm.forward(out);
        }
        return relu ? Activation.leakyRelu(out, 0.2f) : out;
    }

    /** {@code nn.ReflectionPad2d(1)} on (N, C, H, W): mirrors row/column 1 (not the edge itself). */
    static NDArray reflectionPad1(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h < 2 || w < 2) {
            throw new IllegalArgumentException("reflection padding needs at least 2x2, got " + x.getShape());
        }
        NDArray cols = NDArrays.concat(new NDList(x.get(new NDIndex(":, :, :, 1:2")), x,
                x.get(new NDIndex(":, :, :, {}:{}", w - 2, w - 1))), 3);
        return NDArrays.concat(new NDList(cols.get(new NDIndex(":, :, 1:2, :")), cols,
                cols.get(new NDIndex(":, :, {}:{}, :", h - 2, h - 1))), 2);
    }
}
