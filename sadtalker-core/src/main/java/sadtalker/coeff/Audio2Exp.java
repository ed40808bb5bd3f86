package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Port of {@code src/audio2exp_models/audio2exp.py::Audio2Exp.test}: runs {@link SimpleWrapperV2}
 * over chunks of 10 frames (BatchNorm is in eval mode, so the chunking does not change the
 * numbers; it only bounds memory). The {@code netG.} level of Audio2Exp is not in the checkpoint.
 */
public final class Audio2Exp {
    static final int CHUNK = 10;

    private final SimpleWrapperV2 netG;

    public Audio2Exp(SimpleWrapperV2 netG) {
        this.netG = netG;
    }

    /**
     * @param indivMels {@code (1, T, 1, 80, 16)} mel windows in [-4, 4]
     * @param ref {@code (1, T, ≥64)} 3DMM coefficients; only {@code [..., :64]} is used
     * @param ratioGt {@code (1, T, 1)} eye-blink ratio in [0, 1]
     * @return {@code (1, T, 64)} expression coefficients, in {@code indivMels}' manager
     */
    public NDArray test(NDArray indivMels, NDArray ref, NDArray ratioGt) {
        var shape = indivMels.getShape();                       // (1, T, 1, 80, 16)
        long t = shape.get(1);
        try (NDManager scope = indivMels.getManager().newSubManager()) {
            scope.tempAttachAll(indivMels, ref, ratioGt);
            NDArray ref64 = ref.get(new NDIndex(":, :, :{}", SimpleWrapperV2.EXP));
            List<NDArray> out = new ArrayList<>();
            for (long i = 0; i < t; i += CHUNK) {
                long end = Math.min(t, i + CHUNK);
                NDArray mel = indivMels.get(new NDIndex(":, {}:{}", i, end));
                NDArray audiox = mel.reshape(-1, 1, shape.get(3), shape.get(4));     // (t, 1, 80, 16)
                NDArray r = ref64.get(new NDIndex(":, {}:{}", i, end));
                NDArray ratio = ratioGt.get(new NDIndex(":, {}:{}", i, end));
                out.add(netG.forward(audiox, r, ratio));
            }
            return scope.ret(NDArrays.concat(new NDList(out), 1));
        }
    }
}
