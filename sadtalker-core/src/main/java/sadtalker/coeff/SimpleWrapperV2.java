package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Linear;

/**
 * Port of {@code src/audio2exp_models/networks.py::SimpleWrapperV2} (SadTalker cd4c046), the
 * audio-to-expression network. Keys as in the checkpoint under {@code audio2exp.}:
 * {@code audio_encoder.*}, {@code mapping1.*}.
 */
public final class SimpleWrapperV2 {
    static final int AUDIO_EMB = 512;
    static final int EXP = 64;

    private final List<Conv2d> audioEncoder;     // audio_encoder
    private final Linear mapping1;               // mapping1: 512 + 64 + 1 → 64

    public SimpleWrapperV2(Params p) {
        audioEncoder = Conv2d.wav2LipEncoder(p.sub("audio_encoder"));
        mapping1 = Linear.load(p.sub("mapping1"), AUDIO_EMB + EXP + 1, EXP, true);
    }

    /**
     * @param x {@code (B·t, 1, 80, 16)} mel windows
     * @param ref {@code (B, t, 64)} reference expression coefficients
     * @param ratio {@code (B, t, 1)} eye-blink ratio
     * @return {@code (B, t, 64)} expression coefficients (no residual to ref)
     */
    NDArray forward(NDArray x, NDArray ref, NDArray ratio) {
        long n = x.getShape().get(0);
        NDArray emb = Conv2d.forwardAll(audioEncoder, x).reshape(n, -1);      // (B·t, 512)
        NDArray refReshape = ref.reshape(n, -1);
        NDArray ratioReshape = ratio.reshape(n, -1);
        NDArray y = mapping1.forward(NDArrays.concat(new NDList(emb, refReshape, ratioReshape), 1));
        return y.reshape(ref.getShape().get(0), ref.getShape().get(1), -1);
    }
}
