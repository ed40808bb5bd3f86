package sadtalker.face.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * facexlib {@code alignment/awing_arch.py::ConvBlock}: three pre-activated (BN-ReLU-conv3×3)
 * stages producing out/2, out/4, out/4 channels, concatenated, plus the input or, when the channel
 * count changes, {@code downsample} = BN ({@code .0}), ReLU, conv1×1 ({@code .2}).
 */
final class ConvBlock {
    private final BatchNorm bn1;
    private final Conv conv1;
    private final BatchNorm bn2;
    private final Conv conv2;
    private final BatchNorm bn3;
    private final Conv conv3;
    private final BatchNorm downsampleBn;
    private final Conv downsampleConv;

    ConvBlock(Params p, long in, long out) {
        bn1 = BatchNorm.load(p.sub("bn1"), in);
        conv1 = Conv.load(p.sub("conv1"), 2, in, out / 2, 3, 1, 1, false);
        bn2 = BatchNorm.load(p.sub("bn2"), out / 2);
        conv2 = Conv.load(p.sub("conv2"), 2, out / 2, out / 4, 3, 1, 1, false);
        bn3 = BatchNorm.load(p.sub("bn3"), out / 4);
        conv3 = Conv.load(p.sub("conv3"), 2, out / 4, out / 4, 3, 1, 1, false);
        if (in != out) {
            downsampleBn = BatchNorm.load(p.sub("downsample").sub("0"), in);
            downsampleConv = Conv.load(p.sub("downsample").sub("2"), 2, in, out, 1, 1, 0, false);
        } else {
            downsampleBn = null;
            downsampleConv = null;
        }
    }

    NDArray forward(NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray out1 = conv1.forward(Activation.relu(bn1.forward(x)));
            NDArray out2 = conv2.forward(Activation.relu(bn2.forward(out1)));
            NDArray out3 = conv3.forward(Activation.relu(bn3.forward(out2)));
            NDArray cat = NDArrays.concat(new NDList(out1, out2, out3), 1);
            NDArray residual = downsampleConv == null ? x
                    : downsampleConv.forward(Activation.relu(downsampleBn.forward(x)));
            return scope.ret(cat.add(residual));
        }
    }
}
