package sadtalker.face.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import sadtalker.checkpoint.Params;
import sadtalker.face.resnet.ResNet50;
import sadtalker.nn.Conv;

/**
 * Port of facexlib {@code detection/retinaface.py::RetinaFace} ({@code network_name='resnet50'},
 * phase {@code test}): ResNet-50 body (layers 2–4), FPN to 256 channels, one SSH per level and
 * 1×1 heads with 2 anchors. Weights: {@code detection_Resnet50_Final.pth} (keys {@code body.*},
 * {@code fpn.*}, {@code ssh1..3.*}, {@code ClassHead/BboxHead/LandmarkHead.{0,1,2}.conv1x1.*}).
 */
public final class RetinaFace {
    static final int ANCHORS = 2;
    private static final long OUT = 256;

    private final ResNet50 body;
    private final FPN fpn;
    private final SSH[] ssh = new SSH[3];
    private final Conv[] classHead = new Conv[3];
    private final Conv[] bboxHead = new Conv[3];
    private final Conv[] landmarkHead = new Conv[3];

    /** The raw head outputs: {@code loc (1, P, 4)}, {@code conf (1, P, 2)} softmaxed, {@code landms (1, P, 10)}. */
    public record Heads(NDArray loc, NDArray conf, NDArray landms) {}

    /** Loads the network from the state-dict view {@code p} (no {@code module.} prefix). */
    public RetinaFace(Params p) {
        body = new ResNet50(p.sub("body"));
        fpn = new FPN(p.sub("fpn"), OUT);
        for (int i = 0; i < 3; i++) {
            ssh[i] = new SSH(p.sub("ssh" + (i + 1)), OUT, OUT);
            classHead[i] = Conv.load(p.sub("ClassHead").sub(i + "").sub("conv1x1"), 2, OUT, ANCHORS * 2, 1, 1, 0, true);
            bboxHead[i] = Conv.load(p.sub("BboxHead").sub(i + "").sub("conv1x1"), 2, OUT, ANCHORS * 4, 1, 1, 0, true);
            landmarkHead[i] = Conv.load(p.sub("LandmarkHead").sub(i + "").sub("conv1x1"), 2, OUT, ANCHORS * 10, 1, 1,
                    0, true);
        }
    }

    /** Runs the network on {@code (1, 3, H, W)} BGR pixel values minus (104, 117, 123). */
    public Heads forward(NDArray input) {
        try (NDManager scope = input.getManager().newSubManager()) {
            scope.tempAttachAll(input);
            NDArray[] c = body.forwardLayers(input);
            c[0].close(); // layer1 is not used by the FPN
            NDArray[] f = fpn.forward(c[1], c[2], c[3]);
            NDList loc = new NDList();
            NDList conf = new NDList();
            NDList landms = new NDList();
            for (int i = 0; i < 3; i++) {
                NDArray feature = ssh[i].forward(f[i]);
                loc.add(head(bboxHead[i], feature, 4));
                conf.add(head(classHead[i], feature, 2));
                landms.add(head(landmarkHead[i], feature, 10));
            }
            NDArray confSoft = NDArrays.concat(conf, 1).softmax(-1);
            return new Heads(scope.ret(NDArrays.concat(loc, 1)), scope.ret(confSoft), scope.ret(NDArrays.concat(landms, 1)));
        }
    }

    /** {@code conv1x1} then NCHW → NHWC and {@code view(B, -1, k)}: prior order is row, column, anchor. */
    private static NDArray head(Conv conv, NDArray feature, int k) {
        NDArray out = conv.forward(feature).transpose(0, 2, 3, 1);
        return out.reshape(out.getShape().get(0), -1, k);
    }
}
