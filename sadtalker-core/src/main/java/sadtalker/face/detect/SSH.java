package sadtalker.face.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;

/**
 * facexlib {@code retinaface_net.py::SSH}: a 3×3 branch (out/2) and stacked 3×3 convs emulating
 * 5×5 and 7×7 receptive fields (out/4 each), concatenated in that order, then ReLU.
 */
final class SSH {
    private final ConvBn conv3X3;
    private final ConvBn conv5X5x1;
    private final ConvBn conv5X5x2;
    private final ConvBn conv7X7x2;
    private final ConvBn conv7x7x3;

    SSH(Params p, long in, long out) {
        conv3X3 = new ConvBn(p.sub("conv3X3"), in, out / 2, 3, false);
        conv5X5x1 = new ConvBn(p.sub("conv5X5_1"), in, out / 4, 3, true);
        conv5X5x2 = new ConvBn(p.sub("conv5X5_2"), out / 4, out / 4, 3, false);
        conv7X7x2 = new ConvBn(p.sub("conv7X7_2"), out / 4, out / 4, 3, true);
        conv7x7x3 = new ConvBn(p.sub("conv7x7_3"), out / 4, out / 4, 3, false);
    }

    NDArray forward(NDArray x) {
        NDArray c3 = conv3X3.forward(x);
        NDArray c5a = conv5X5x1.forward(x);
        NDArray c5 = conv5X5x2.forward(c5a);
        NDArray c7 = conv7x7x3.forward(conv7X7x2.forward(c5a));
        return Activation.relu(NDArrays.concat(new ai.djl.ndarray.NDList(c3, c5, c7), 1));
    }
}
