package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Linear;

/**
 * Port of {@code src/facerender/modules/mapping.py::MappingNet}: maps a window of 27 frames of
 * 3DMM coefficients {@code (N, coeff_nc, 27)} to head-pose logits, a translation and expression
 * offsets of the keypoints. Conv1d k7 (27 → 21), then {@code layer} residual blocks
 * {@code LeakyReLU(0.1) → Conv1d k3 dilation 3} added to {@code out[:, :, 3:-3]} (21 → 15 → 9 →
 * 3), mean over time, five linear heads.
 */
public final class MappingNet {
    private static final float SLOPE = 0.1f;

    private final MappingConfig config;
    private final Conv first;
    private final List<Conv> encoders = new ArrayList<>();
    private final Linear fcRoll;
    private final Linear fcPitch;
    private final Linear fcYaw;
    private final Linear fcT;
    private final Linear fcExp;

    /** The output dict: logits {@code yaw, pitch, roll (N, 66)}, {@code t (N, 3)}, {@code exp (N, 3K)}. */
    public record Output(NDArray yaw, NDArray pitch, NDArray roll, NDArray t, NDArray exp) {}

    /** Loads {@code first.0}, {@code encoder<i>.1}, {@code fc_roll, fc_pitch, fc_yaw, fc_t, fc_exp}. */
    public MappingNet(Params p, MappingConfig c) {
        this.config = c;
        long nc = c.descriptorNc();
        this.first = Conv.load(p.sub("first").sub("0"), 1, c.coeffNc(), nc, 7, 1, 0, true);
        for (int i = 0; i < c.layer(); i++) {
            encoders.add(Conv.load(p.sub("encoder" + i).sub("1"), 1, nc, nc, 3, 1, 0, 3, 1, true));
        }
        this.fcRoll = Linear.load(p.sub("fc_roll"), nc, c.numBins(), true);
        this.fcPitch = Linear.load(p.sub("fc_pitch"), nc, c.numBins(), true);
        this.fcYaw = Linear.load(p.sub("fc_yaw"), nc, c.numBins(), true);
        this.fcT = Linear.load(p.sub("fc_t"), nc, 3, true);
        this.fcExp = Linear.load(p.sub("fc_exp"), nc, 3L * c.numKp(), true);
    }

    public MappingConfig config() {
        return config;
    }

    /** {@code (N, coeff_nc, 27)} → the five heads. */
    public Output forward(NDArray input3dmm) {
        long channels = input3dmm.getShape().get(1);
        if (input3dmm.getShape().dimension() != 3 || channels != config.coeffNc()) {
            throw new IllegalArgumentException("MappingNet (coeff_nc " + config.coeffNc() + ") needs (N, "
                    + config.coeffNc() + ", 27) semantics, got " + input3dmm.getShape());
        }
        try (NDManager scope = input3dmm.getManager().newSubManager()) {
            scope.tempAttachAll(input3dmm);
            NDArray out = first.forward(input3dmm);
            for (Conv encoder : encoders) {
                NDArray residual = out.get(new NDIndex(":, :, 3:-3"));
                out = encoder.forward(Activation.leakyRelu(out, SLOPE)).add(residual);
            }
            out = out.mean(new int[] {2});                    // AdaptiveAvgPool1d(1) + view(N, -1)
            return new Output(scope.ret(fcYaw.forward(out)), scope.ret(fcPitch.forward(out)),
                    scope.ret(fcRoll.forward(out)), scope.ret(fcT.forward(out)), scope.ret(fcExp.forward(out)));
        }
    }
}
