package sadtalker.face.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * torchvision's {@code resnet50} trunk without {@code fc} (keys {@code conv1}, {@code bn1},
 * {@code layer1..4.N.*}): the body of facexlib's {@code RetinaFace} (through
 * {@code IntermediateLayerGetter}, layers 2–4 returned) and the backbone of SadTalker's
 * {@code face3d/models/networks.py::ReconNetWrapper}.
 */
public final class ResNet50 {
    private static final int[] BLOCKS = {3, 4, 6, 3};
    private static final long[] PLANES = {64, 128, 256, 512};

    private final Conv conv1;
    private final BatchNorm bn1;
    private final List<List<Bottleneck>> layers = new ArrayList<>();

    /** Loads the trunk from {@code p} (the view holding {@code conv1.weight}). */
    public ResNet50(Params p) {
        conv1 = Conv.load(p.sub("conv1"), 2, 3, 64, 7, 2, 3, false);
        bn1 = BatchNorm.load(p.sub("bn1"), 64);
        long in = 64;
        for (int l = 0; l < 4; l++) {
            Params lp = p.sub("layer" + (l + 1));
            List<Bottleneck> blocks = new ArrayList<>();
            for (int b = 0; b < BLOCKS[l]; b++) {
                blocks.add(new Bottleneck(lp.sub(Integer.toString(b)), in, PLANES[l], b == 0 && l > 0 ? 2 : 1));
                in = PLANES[l] * Bottleneck.EXPANSION;
            }
            layers.add(blocks);
        }
    }

    /**
     * The outputs of layer1..layer4 (strides 4, 8, 16, 32) for (N, 3, H, W), in {@code x}'s
     * manager. Everything else is freed as soon as it is used: the detector runs at the image's own
     * size, where one activation map of the stem is already 16 floats per input pixel.
     */
    public NDArray[] forwardLayers(NDArray x) {
        NDArray h;
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray stem = Activation.relu(bn1.forward(conv1.forward(x)));
            h = scope.ret(Pool.maxPool2d(stem, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false));
        }
        NDArray[] outs = new NDArray[4];
        for (int l = 0; l < 4; l++) {
            for (Bottleneck b : layers.get(l)) {
                NDArray next = b.forward(h);
                if (!(l > 0 && h == outs[l - 1])) {
                    h.close();
                }
                h = next;
            }
            outs[l] = h;
        }
        return outs;
    }

    /** {@code AdaptiveAvgPool2d(1)} of layer4: (N, 2048, 1, 1), not flattened. */
    public NDArray forwardPooled(NDArray x) {
        NDArray f = forwardLayers(x)[3];
        Shape s = f.getShape();
        return f.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}, true).reshape(s.get(0), s.get(1), 1, 1);
    }
}
