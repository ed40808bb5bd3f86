package sadtalker.render;

/**
 * Where the keypoint detector's and the generator's weights sit: the file in SadTalker's
 * checkpoint folder and the container of each network in it ({@link
 * sadtalker.checkpoint.StateDict#of(sadtalker.checkpoint.Checkpoint, String)}: a key prefix in the
 * one safetensors file, a top-level key of the legacy pickle). The networks and their configs are
 * the same for every file; only where the tensors are differs.
 */
public enum RendererWeights {
    SAFETENSORS_256("SadTalker_V0.0.2_256.safetensors", "kp_extractor.", "generator.", null),
    /** Same networks and keys as the 256 file ({@code facerender.yaml} has no size), run at 512. */
    SAFETENSORS_512("SadTalker_V0.0.2_512.safetensors", "kp_extractor.", "generator.", null),
    /**
     * {@code --old_version}: {@code load_cpk_facevid2vid} reads {@code checkpoint['kp_detector']}
     * and {@code checkpoint['generator']}. It also loads {@code checkpoint['he_estimator']} into an
     * HEEstimator, but inference never runs it (in {@code make_animation.py} its only call sits in
     * a quoted-out block; the head pose comes from the MappingNet), so it is not built here; its
     * presence is required and its keys and shapes are verified against the file's manifest by the
     * model check before loading.
     */
    FACEVID2VID("facevid2vid_00189-model.pth.tar", "kp_detector", "generator", "he_estimator");

    private final String fileName;
    private final String kpDetector;
    private final String generator;
    private final String headPoseEstimator;

    RendererWeights(String fileName, String kpDetector, String generator, String headPoseEstimator) {
        this.fileName = fileName;
        this.kpDetector = kpDetector;
        this.generator = generator;
        this.headPoseEstimator = headPoseEstimator;
    }

    /** The official file name. */
    public String fileName() {
        return fileName;
    }

    /** Container of the KPDetector's state dict. */
    public String kpDetector() {
        return kpDetector;
    }

    /** Container of the OcclusionAwareSPADEGenerator's state dict. */
    public String generator() {
        return generator;
    }

    /** Container of the (unused) HEEstimator's state dict, or null when the file has none. */
    public String headPoseEstimator() {
        return headPoseEstimator;
    }

    /** The safetensors file of {@code size} (256 or 512). */
    public static RendererWeights safetensors(int size) {
        return switch (size) {
            case 256 -> SAFETENSORS_256;
            case 512 -> SAFETENSORS_512;
            default -> throw new IllegalArgumentException("size must be 256 or 512, got " + size);
        };
    }
}
