package sadtalker.coeff;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.nn.Torch;

/**
 * Audio to 3DMM coefficients, as {@code src/test_audio2coeff.py::Audio2Coeff.generate} with the
 * batch of {@code src/generate_batch.py::get_data}: expression from {@link Audio2Exp}, head pose
 * from {@link Audio2Pose}, the pose smoothed by {@link SavitzkyGolay}, optionally moved by a
 * reference pose ({@link RefPose}). Output {@code (T, 70)}: 64 expression + 6 pose values per
 * 25 fps frame, what the original saves as {@code coeff_3dmm}.
 *
 * <p>The randomness of the original (the blink sequence and the CVAE latents) comes from one
 * seed, so a request is reproducible.
 */
public final class AudioToCoeff implements AutoCloseable {
    /** Number of coefficients per frame: 64 expression + 6 pose. */
    public static final int COEFFS = 70;
    /** Mel bands per window, as the audio encoders take them. */
    public static final int MEL_BANDS = 80;
    /** Mel frames per window (one video frame's 16 steps). */
    public static final int MEL_STEPS = 16;

    private final NDManager manager;
    private final Audio2Exp audio2exp;
    private final Audio2Pose audio2pose;

    /**
     * Options of a request ({@code inference.py}'s flags).
     *
     * @param useBlink feed the random eye-blink sequence to audio2exp ({@code use_blink}, on in inference)
     * @param refEyeblink {@code --ref_eyeblink}: a reference video's {@code coeff_3dmm} rows
     *     ({@code [R][≥64]}); their expression replaces the source's in {@code ref} and the blink
     *     is switched off; null for none
     * @param refPose {@code --ref_pose}: a reference video's {@code coeff_3dmm} rows ({@code [R][≥70]})
     *     whose relative head motion is added; null for none
     */
    public record Options(boolean useBlink, float[][] refEyeblink, float[][] refPose) {
        /** Inference's defaults: random blinks, no references. */
        public static final Options DEFAULT = new Options(true, null, null);
    }

    AudioToCoeff(NDManager manager, SimpleWrapperV2 exp, Audio2Pose pose) {
        this.manager = manager;
        this.audio2exp = new Audio2Exp(exp);
        this.audio2pose = pose;
    }

    /**
     * Loads both networks from {@code SadTalker_V0.0.2_256.safetensors} (or the 512 file): keys
     * under {@code audio2exp.} and {@code audio2pose.}, strictly: a missing, unexpected or
     * misshapen key fails with every problem named. The training-only {@code netD_motion.*} and
     * {@code netG.encoder.*} may be present or not.
     */
    public static AudioToCoeff load(Path checkpoint, Device device) {
        NDManager manager = Torch.newManager(device);
        try (Checkpoint ckpt = Checkpoint.open(checkpoint)) {
            return strict(manager, StateDict.of(ckpt, "audio2exp."), StateDict.of(ckpt, "audio2pose."));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads the legacy checkpoints of {@code --old_version}: {@code auido2exp_00300-model.pth} and
     * {@code auido2pose_00140-model.pth} (torch pickles; each state dict under the top-level key
     * {@code model}, module keys without prefix), with the same strictness as {@link #load(Path, Device)}.
     */
    public static AudioToCoeff loadLegacy(Path audio2expPth, Path audio2posePth, Device device) {
        NDManager manager = Torch.newManager(device);
        try (Checkpoint expCkpt = Checkpoint.open(audio2expPth); Checkpoint poseCkpt = Checkpoint.open(audio2posePth)) {
            return strict(manager, StateDict.of(expCkpt, "model"), StateDict.of(poseCkpt, "model"));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Builds both networks from their state dicts, strictly; the training-only
     * {@code netD_motion.*} and {@code netG.encoder.*} of Audio2Pose may be present or not.
     */
    private static AudioToCoeff strict(NDManager manager, StateDict expDict, StateDict poseDict) {
        Params exp = Params.of(expDict, manager);
        SimpleWrapperV2 expNet = new SimpleWrapperV2(exp);
        exp.finish();
        Params pose = Params.of(poseDict, manager);
        Audio2Pose poseNet = new Audio2Pose(pose, Audio2PoseConfig.SADTALKER);
        pose.finish("netD_motion.*", "netG.encoder.*");
        return new AudioToCoeff(manager, expNet, poseNet);
    }

    /**
     * Builds the networks from parameter views (tests: generated weights). {@code exp} holds the
     * SimpleWrapperV2 keys, {@code pose} the Audio2Pose keys; the manager is owned from now on.
     */
    public static AudioToCoeff of(NDManager manager, Params exp, Params pose) {
        return new AudioToCoeff(manager, new SimpleWrapperV2(exp), new Audio2Pose(pose, Audio2PoseConfig.SADTALKER));
    }

    /** {@link #generate(float[], float[], int, long, Options)} with {@link Options#DEFAULT}. */
    public float[][] generate(float[] mels, float[] sourceCoeff, int poseStyle, long seed) {
        return generate(mels, sourceCoeff, poseStyle, seed, Options.DEFAULT);
    }

    /**
     * The coefficients of every video frame.
     *
     * @param mels the audio's mel windows, row-major {@code (T, 80, 16)}, one per video frame (what the
     *     audio stage's {@code MelWindows.values()} holds; a plain array so that this stage does not
     *     depend on the audio stage)
     * @param sourceCoeff the source image's first {@code coeff_3dmm} row (≥ 70 values; only the
     *     first 70 are read)
     * @param poseStyle 0…45
     * @param seed seeds the blink sequence and the latents (one {@code java.util.Random}: the blinks first)
     * @return {@code [T][70]}
     */
    public float[][] generate(float[] mels, float[] sourceCoeff, int poseStyle, long seed, Options options) {
        Random random = new Random(seed);
        return generate(mels, sourceCoeff, poseStyle, t -> BlinkSequence.random(t, random), LatentNoise.gaussian(random), options);
    }

    /**
     * The coefficients of every video frame, with the draws supplied.
     *
     * @param mels the mel windows, {@code (T, 80, 16)} flattened
     * @param blinkRatio gives {@code generate_blink_seq_randomly(T)}'s T ratios; asked only when the
     *     blink is used ({@link Options#useBlink()} without a reference eye blink)
     * @param latents Audio2Pose's {@code torch.randn} draws
     * @return {@code [T][70]}
     */
    public float[][] generate(float[] mels, float[] sourceCoeff, int poseStyle, IntFunction<float[]> blinkRatio,
            LatentNoise latents, Options options) {
        int window = MEL_BANDS * MEL_STEPS;
        if (mels.length == 0 || mels.length % window != 0) {
            throw new IllegalArgumentException("mel windows need a positive multiple of " + MEL_BANDS + "·" + MEL_STEPS
                    + " values, got " + mels.length);
        }
        if (sourceCoeff.length < COEFFS) {
            throw new IllegalArgumentException("source coefficients need " + COEFFS + " values, got " + sourceCoeff.length);
        }
        int t = mels.length / window;
        float[] ratio = options.useBlink() && options.refEyeblink() == null ? blinkRatio.apply(t) : new float[t];
        if (ratio.length != t) {
            throw new IllegalArgumentException("the blink ratio has " + ratio.length + " values, the audio gives " + t + " frames");
        }
        float[][] expRef = options.refEyeblink() == null ? null : RefPose.tiledExpression(options.refEyeblink(), t);
        float[] ref = new float[t * COEFFS];
        for (int i = 0; i < t; i++) {
            System.arraycopy(sourceCoeff, 0, ref, i * COEFFS, COEFFS);
            if (expRef != null) {
                System.arraycopy(expRef[i], 0, ref, i * COEFFS, expRef[i].length);
            }
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray melArray = call.create(mels, new Shape(1, t, 1, MEL_BANDS, MEL_STEPS));
            NDArray refArray = call.create(ref, new Shape(1, t, COEFFS));
            NDArray ratioArray = call.create(ratio, new Shape(1, t, 1));
            float[][] coeffs = generate(melArray, refArray, ratioArray, poseStyle, latents);
            return options.refPose() == null ? coeffs : RefPose.apply(coeffs, options.refPose());
        }
    }

    /**
     * The network part on prepared tensors: exp, pose, smoothed pose concatenated.
     *
     * @param indivMels {@code (1, T, 1, 80, 16)}
     * @param ref {@code (1, T, 70)}
     * @param ratio {@code (1, T, 1)}
     * @return {@code [T][70]}
     */
    public float[][] generate(NDArray indivMels, NDArray ref, NDArray ratio, int poseStyle, LatentNoise noise) {
        int t = (int) indivMels.getShape().get(1);
        float[] exp;
        float[] pose;
        try (NDArray e = audio2exp.test(indivMels, ref, ratio)) {                           // (1, T, 64)
            // host: the coefficients leave the networks here (Savitzky-Golay smoothing, the result rows)
            exp = e.toFloatArray();
        }
        try (NDArray p = audio2pose.test(indivMels, ref, poseStyle, noise)) {               // (1, T, 6)
            // host: the pose rows are smoothed by SavitzkyGolay in Java
            pose = p.toFloatArray();
        }
        float[][] poseRows = new float[t][];
        for (int i = 0; i < t; i++) {
            poseRows[i] = Arrays.copyOfRange(pose, i * 6, i * 6 + 6);
        }
        float[][] smoothed = SavitzkyGolay.smooth(poseRows);
        float[][] out = new float[t][COEFFS];
        for (int i = 0; i < t; i++) {
            System.arraycopy(exp, i * 64, out[i], 0, 64);
            System.arraycopy(smoothed[i], 0, out[i], 64, 6);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
