package sadtalker.face;

import sadtalker.testkit.GeneratedParams;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;
import sadtalker.face.align.FAN;
import sadtalker.face.detect.RetinaFace;
import sadtalker.face.recon.ReconNetWrapper;

/**
 * Face models with detweights parameters (the real checkpoints are not available here), for tests
 * and benchmarks. The detector's heads are overridden so its output is predictable: zero box and
 * landmark regressions (boxes = priors) and class logits that are constant per level, so that
 * either every stride-32 prior scores sigmoid(10) (the first one, a 256-px box at the top left,
 * wins) or nothing passes the threshold.
 */
public final class GeneratedFaceModels {
    private GeneratedFaceModels() {}

    /** {@code faces}: whether the detector "finds" a face. */
    public static FaceModels create(long seed, boolean faces, NDManager manager) {
        StateDict none = StateDict.of(Path.of("<generated>"), "", Map.of());
        FAN fan = FAN.wflw(GeneratedParams.of(seed + 1, "", none, manager));
        ReconNetWrapper recon = new ReconNetWrapper(GeneratedParams.of(seed + 2, "", none, manager));
        return new FaceModels(detector(seed, faces, manager), fan, recon);
    }

    /** Only the detector of {@link #create}. */
    public static RetinaFace detector(long seed, boolean faces, NDManager manager) {
        Map<String, StoredTensor> overrides = new LinkedHashMap<>();
        for (int level = 0; level < 3; level++) {
            String p = "ClassHead." + level + ".conv1x1.";
            overrides.put(p + "weight", Tensors.f32(new long[] {4, 256, 1, 1}, new float[4 * 256]));
            float face = faces && level == 2 ? 10f : -10f;
            overrides.put(p + "bias", Tensors.f32(new long[] {4}, new float[] {0f, face, 0f, face}));
            overrides.put("BboxHead." + level + ".conv1x1.weight", Tensors.f32(new long[] {8, 256, 1, 1}, new float[8 * 256]));
            overrides.put("BboxHead." + level + ".conv1x1.bias", Tensors.f32(new long[] {8}, new float[8]));
            overrides.put("LandmarkHead." + level + ".conv1x1.weight",
                    Tensors.f32(new long[] {20, 256, 1, 1}, new float[20 * 256]));
            overrides.put("LandmarkHead." + level + ".conv1x1.bias", Tensors.f32(new long[] {20}, new float[20]));
        }
        StateDict heads = StateDict.of(Path.of("<generated>"), "", overrides);
        return new RetinaFace(GeneratedParams.of(seed, "", heads, manager));
    }
}
