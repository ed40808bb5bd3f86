package sadtalker.face.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * facexlib {@code detection/retinaface_net.py}: {@code conv_bn}, {@code conv_bn_no_relu} and
 * {@code conv_bn1X1} — a bias-free conv ({@code .0}) and a batch norm ({@code .1}), optionally
 * followed by {@code LeakyReLU(leaky)}. For the resnet50 configuration {@code leaky = 0}
 * (out_channels 256 > 64), so the activation is a plain ReLU.
 */
final class ConvBn {
    private final Conv conv;
    private final BatchNorm bn;
    private final boolean relu;

    ConvBn(Params p, long in, long out, long kernel, boolean relu) {
        conv = Conv.load(p.sub("0"), 2, in, out, kernel, 1, kernel / 2, false);
        bn = BatchNorm.load(p.sub("1"), out);
        this.relu = relu;
    }

    NDArray forward(NDArray x) {
        NDArray y = bn.forward(conv.forward(x));
        return relu ? Activation.relu(y) : y;
    }
}
