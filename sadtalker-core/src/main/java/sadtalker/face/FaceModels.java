package sadtalker.face;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.face.align.FAN;
import sadtalker.face.detect.RetinaFace;
import sadtalker.face.recon.ReconNetWrapper;

/**
 * The three networks of the source-image stage, loaded strictly from their official files:
 * {@code detection_Resnet50_Final.pth} (RetinaFace; {@code module.} stripped),
 * {@code alignment_WFLW_4HG.pth} (FAN, container {@code state_dict}) and the
 * {@code face_3drecon.} part of {@code SadTalker_V0.0.2_256.safetensors} (or, by {@link ReconWeights}, of the 512 file, or {@code epoch_20.pth} for {@code --old_version}).
 */
public record FaceModels(RetinaFace detector, FAN alignment, ReconNetWrapper recon) {
    public static final String DETECTION_FILE = "detection_Resnet50_Final.pth";
    public static final String ALIGNMENT_FILE = "alignment_WFLW_4HG.pth";
    public static final String SADTALKER_FILE = "SadTalker_V0.0.2_256.safetensors";

    /**
     * Loads the networks from {@code modelsDir}; each file is looked up there and in the
     * sub-folders the original uses ({@code checkpoints/}, {@code gfpgan/weights/}).
     * Tensors are created in {@code manager}, which the caller keeps open while the models are used.
     */
    public static FaceModels load(Path modelsDir, NDManager manager) {
        return load(modelsDir, ReconWeights.SAFETENSORS_256, manager);
    }

    /** As {@link #load(Path, NDManager)}, with the reconstruction network from {@code recon}. */
    public static FaceModels load(Path modelsDir, ReconWeights recon, NDManager manager) {
        RetinaFace det = load(find(modelsDir, DETECTION_FILE), "", manager, RetinaFace::new);
        FAN fan = load(find(modelsDir, ALIGNMENT_FILE), "state_dict", manager, FAN::wflw);
        ReconNetWrapper net = load(find(modelsDir, recon.fileName()), recon.container(), manager, ReconNetWrapper::new);
        return new FaceModels(det, fan, net);
    }

    private static <T> T load(Path file, String container, NDManager manager, java.util.function.Function<Params, T> make) {
        try (Checkpoint ckpt = Checkpoint.open(file)) {
            Params p = Params.of(StateDict.of(ckpt, container), manager);
            T net = make.apply(p);
            p.finish("*num_batches_tracked");
            return net;
        }
    }

    static Path find(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve("checkpoints").resolve(name),
                dir.resolve("gfpgan").resolve("weights").resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("model file " + name + " not found in " + dir.toAbsolutePath()
                + " (nor in its checkpoints/ or gfpgan/weights/)");
    }
}
