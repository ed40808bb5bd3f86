package sadtalker.face;

/**
 * Where the 3DMM reconstruction network's weights sit, as SadTalker's {@code CropAndExtract}
 * reads them: the {@code face_3drecon.} part of the safetensors file of the run's size, or, with
 * {@code --old_version}, {@code torch.load('epoch_20.pth')['net_recon']}. Same network, same keys.
 */
public enum ReconWeights {
    SAFETENSORS_256("SadTalker_V0.0.2_256.safetensors", "face_3drecon."),
    SAFETENSORS_512("SadTalker_V0.0.2_512.safetensors", "face_3drecon."),
    EPOCH_20("epoch_20.pth", "net_recon");

    private final String fileName;
    private final String container;

    ReconWeights(String fileName, String container) {
        this.fileName = fileName;
        this.container = container;
    }

    /** The official file name. */
    public String fileName() {
        return fileName;
    }

    /** Container of the state dict in the file. */
    public String container() {
        return container;
    }
}
