package sadtalker.render;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.nn.Torch;

/**
 * The one renderer loader: the face renderer in the modes asked for, from SadTalker's checkpoint
 * folder, each loaded strictly. The keypoint detector and the generator (about 570 MB) are loaded
 * once and shared; only the small MappingNet differs between {@link RenderMode#FULL} (73 inputs,
 * still config) and {@link RenderMode#CROP} (70 inputs).
 */
public final class FaceRenderers implements AutoCloseable {
    private final NDManager shared;
    private final Map<RenderMode, FaceRenderer> renderers;

    private FaceRenderers(NDManager shared, Map<RenderMode, FaceRenderer> renderers) {
        this.shared = shared;
        this.renderers = Collections.unmodifiableMap(renderers);
    }

    /** {@link #load(Path, Device, RendererWeights, RenderMode...)} from {@value FaceRenderer#SAFETENSORS}. */
    public static FaceRenderers load(Path modelsDir, Device device, RenderMode... modes) {
        return load(modelsDir, device, RendererWeights.SAFETENSORS_256, modes);
    }

    /**
     * Loads the renderer networks from {@code weights}' file and each mode's {@link RenderMode#mappingFile()} from
     * {@code modelsDir} onto {@code device}; inputs must live on the same device.
     *
     * @throws sadtalker.checkpoint.CheckpointException naming the file and every missing, unexpected
     *     or mis-shaped key when a file does not fit the networks
     */
    public static FaceRenderers load(Path modelsDir, Device device, RendererWeights weights, RenderMode... modes) {
        if (modes.length == 0) {
            throw new IllegalArgumentException("no renderer mode asked for");
        }
        NDManager shared = Torch.newManager(device);
        try {
            KPDetector kp;
            OcclusionAwareSPADEGenerator gen;
            try (Checkpoint file = Checkpoint.open(modelsDir.resolve(weights.fileName()))) {
                Networks dicts = networks(file, weights);
                // one config for every file: facerender.yaml has no image size, the 512 model included
                Params kpParams = Params.of(dicts.kpDetector(), shared);
                kp = new KPDetector(kpParams, KPDetectorConfig.SADTALKER_256);
                kpParams.finish();
                Params genParams = Params.of(dicts.generator(), shared);
                gen = new OcclusionAwareSPADEGenerator(genParams, GeneratorConfig.SADTALKER_256);
                genParams.finish();
            }
            Map<RenderMode, FaceRenderer> renderers = new EnumMap<>(RenderMode.class);
            for (RenderMode mode : modes) {
                // each mapping's weights live in a sub-manager, closed with the shared one
                NDManager own = shared.newSubManager();
                try (Checkpoint file = Checkpoint.open(modelsDir.resolve(mode.mappingFile()))) {
                    Params p = Params.of(StateDict.of(file, "mapping"), own);
                    MappingNet mapping = new MappingNet(p, mode.mappingConfig());
                    p.finish();
                    renderers.put(mode, new FaceRenderer(own, mode, kp, gen, mapping));
                }
            }
            return new FaceRenderers(shared, renderers);
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
    }

    /** The state dicts of the two networks the renderer runs, as {@code weights} places them in {@code file}. */
    record Networks(StateDict kpDetector, StateDict generator) {}

    static Networks networks(Checkpoint file, RendererWeights weights) {
        if (weights.headPoseEstimator() != null) {
            StateDict.of(file, weights.headPoseEstimator());     // present, as SadTalker's strict load requires
        }
        return new Networks(StateDict.of(file, weights.kpDetector()), StateDict.of(file, weights.generator()));
    }

    /** The renderer of {@code mode}. */
    public FaceRenderer get(RenderMode mode) {
        FaceRenderer r = renderers.get(mode);
        if (r == null) {
            throw new IllegalArgumentException("the " + mode + " renderer was not loaded (loaded: " + renderers.keySet() + ")");
        }
        return r;
    }

    @Override
    public void close() {
        renderers.values().forEach(FaceRenderer::close);
        shared.close();
    }
}
