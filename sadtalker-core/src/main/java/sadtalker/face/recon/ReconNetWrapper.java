package sadtalker.face.recon;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import sadtalker.checkpoint.Params;
import sadtalker.face.resnet.ResNet50;
import sadtalker.nn.Conv;

/**
 * Port of SadTalker {@code src/face3d/models/networks.py::ReconNetWrapper('resnet50',
 * use_last_fc=False)}: a ResNet-50 backbone pooled to 2048 and seven 1×1 convs (with bias) giving
 * id 80, exp 64, tex 80, angle 3, gamma 27, trans xy 2, trans z 1 — concatenated to 257.
 * Weights: keys {@code backbone.*}, {@code final_layers.0-6.*} (prefix {@code face_3drecon.} in
 * {@code SadTalker_V0.0.2_256.safetensors}).
 */
public final class ReconNetWrapper {
    /** Output sizes of {@code final_layers}, in order. */
    static final long[] FINAL = {80, 64, 80, 3, 27, 2, 1};
    /** Length of the coefficient vector. */
    public static final int COEFFS = 257;

    private final ResNet50 backbone;
    private final Conv[] finalLayers = new Conv[FINAL.length];

    /** Loads from {@code p} (the view holding {@code backbone.*}). */
    public ReconNetWrapper(Params p) {
        backbone = new ResNet50(p.sub("backbone"));
        for (int i = 0; i < FINAL.length; i++) {
            finalLayers[i] = Conv.load(p.sub("final_layers").sub(Integer.toString(i)), 2, 2048, FINAL[i], 1, 1, 0, true);
        }
    }

    /** {@code (N, 3, 224, 224)} RGB / 255 → {@code (N, 257)}. */
    public NDArray forward(NDArray input) {
        try (NDManager scope = input.getManager().newSubManager()) {
            scope.tempAttachAll(input);
            NDArray x = backbone.forwardPooled(input);
            NDList outs = new NDList();
            for (Conv c : finalLayers) {
                outs.add(c.forward(x));
            }
            NDArray cat = NDArrays.concat(outs, 1);
            return scope.ret(cat.reshape(cat.getShape().get(0), -1));
        }
    }
}
