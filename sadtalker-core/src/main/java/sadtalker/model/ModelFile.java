package sadtalker.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The official checkpoint files SadTalker's pipeline needs, under their official names in the
 * models directory, with where each comes from.
 */
public enum ModelFile {
    SADTALKER("SadTalker_V0.0.2_256.safetensors", "SadTalker v0.0.2-rc release",
            "audio2exp, audio2pose, face_3drecon, kp_extractor, generator"),
    MAPPING_FULL("mapping_00109-model.pth.tar", "SadTalker v0.0.2-rc release", "MappingNet for --preprocess full (still)"),
    MAPPING_CROP("mapping_00229-model.pth.tar", "SadTalker v0.0.2-rc release", "MappingNet for --preprocess crop"),
    GFPGAN("GFPGANv1.4.pth", "GFPGAN v1.3.0 release", "GFPGANv1Clean face enhancer"),
    DETECTION("detection_Resnet50_Final.pth", "facexlib v0.1.0 release", "RetinaFace ResNet-50 face detector"),
    ALIGNMENT("alignment_WFLW_4HG.pth", "facexlib v0.1.0 release", "AWing FAN 98-point landmarks"),
    PARSING("parsing_parsenet.pth", "facexlib v0.2.2 release", "ParseNet face parsing (enhancer masks)");

    private final String fileName;
    private final String origin;
    private final String contents;

    ModelFile(String fileName, String origin, String contents) {
        this.fileName = fileName;
        this.origin = origin;
        this.contents = contents;
    }

    /** The official file name. */
    public String fileName() {
        return fileName;
    }

    /** Which upstream release publishes the file. */
    public String origin() {
        return origin;
    }

    /** What the file holds, in words. */
    public String contents() {
        return contents;
    }

    /** The file's path in {@code modelsDir}. */
    public Path in(Path modelsDir) {
        return modelsDir.resolve(fileName);
    }

    /** True if the file exists in {@code modelsDir} as a regular file. */
    public boolean presentIn(Path modelsDir) {
        return Files.isRegularFile(in(modelsDir));
    }
}
