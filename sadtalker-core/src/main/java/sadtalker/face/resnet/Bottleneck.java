package sadtalker.face.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * Port of torchvision's {@code resnet.Bottleneck} (expansion 4, stride on the 3×3 conv), as used
 * by facexlib's RetinaFace body and by SadTalker's {@code src/face3d/models/networks.py} ResNet-50.
 * Keys: {@code conv1..3}, {@code bn1..3}, {@code downsample.0/1}.
 */
final class Bottleneck {
    static final int EXPANSION = 4;

    private final Conv conv1;
    private final BatchNorm bn1;
    private final Conv conv2;
    private final BatchNorm bn2;
    private final Conv conv3;
    private final BatchNorm bn3;
    private final Conv downsampleConv;
    private final BatchNorm downsampleBn;

    Bottleneck(Params p, long in, long planes, long stride) {
        long out = planes * EXPANSION;
        conv1 = Conv.load(p.sub("conv1"), 2, in, planes, 1, 1, 0, false);
        bn1 = BatchNorm.load(p.sub("bn1"), planes);
        conv2 = Conv.load(p.sub("conv2"), 2, planes, planes, 3, stride, 1, false);
        bn2 = BatchNorm.load(p.sub("bn2"), planes);
        conv3 = Conv.load(p.sub("conv3"), 2, planes, out, 1, 1, 0, false);
        bn3 = BatchNorm.load(p.sub("bn3"), out);
        if (stride != 1 || in != out) {
            downsampleConv = Conv.load(p.sub("downsample").sub("0"), 2, in, out, 1, stride, 0, false);
            downsampleBn = BatchNorm.load(p.sub("downsample").sub("1"), out);
        } else {
            downsampleConv = null;
            downsampleBn = null;
        }
    }

    /** The block's intermediates are freed on return (a full-resolution detector input makes them large). */
    NDArray forward(NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray out = Activation.relu(bn1.forward(conv1.forward(x)));
            out = Activation.relu(bn2.forward(conv2.forward(out)));
            out = bn3.forward(conv3.forward(out));
            NDArray identity = downsampleConv == null ? x : downsampleBn.forward(downsampleConv.forward(x));
            return scope.ret(Activation.relu(out.add(identity)));
        }
    }
}
