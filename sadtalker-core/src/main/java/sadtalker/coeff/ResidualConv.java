package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * Port of {@code src/audio2pose_models/networks.py::ResidualConv}, a pre-activation residual
 * block: {@code conv_block = [BN, ReLU, conv3×3 (stride), BN, ReLU, conv3×3]} plus
 * {@code conv_skip = [conv3×3 (stride), BN]}.
 */
final class ResidualConv {
    private final BatchNorm block0;      // conv_block.0
    private final Conv block2;           // conv_block.2
    private final BatchNorm block3;      // conv_block.3
    private final Conv block5;           // conv_block.5
    private final Conv skip0;            // conv_skip.0
    private final BatchNorm skip1;       // conv_skip.1

    /** {@code strideH} applies to the time axis only (stride (s, 1)), as ResUnet uses it. */
    ResidualConv(Params p, long in, long out, long strideH) {
        Params b = p.sub("conv_block");
        Params s = p.sub("conv_skip");
        block0 = BatchNorm.load(b.sub("0"), in);
        block2 = conv3x3(b.sub("2"), in, out, strideH);
        block3 = BatchNorm.load(b.sub("3"), out);
        block5 = conv3x3(b.sub("5"), out, out, 1);
        skip0 = conv3x3(s.sub("0"), in, out, strideH);
        skip1 = BatchNorm.load(s.sub("1"), out);
    }

    static Conv conv3x3(Params p, long in, long out, long strideH) {
        return new Conv(p.tensor("weight", out, in, 3, 3), p.tensor("bias", out), new long[] {strideH, 1},
                new long[] {1, 1}, new long[] {1, 1}, 1);
    }

    NDArray forward(NDArray x) {
        NDArray h = block0.forward(x).getNDArrayInternal().relu();
        h = block3.forward(block2.forward(h)).getNDArrayInternal().relu();
        h = block5.forward(h);
        return h.add(skip1.forward(skip0.forward(x)));
    }
}
