package sadtalker.render;

import java.util.Locale;

/**
 * The two renderer configurations of SadTalker's {@code init_path}: {@code --preprocess} containing
 * {@code full} ({@code full}, {@code extfull}) uses facerender_still.yaml and
 * {@code mapping_00109-model.pth.tar} (73 coefficients); anything else ({@code crop},
 * {@code extcrop}, {@code resize}) facerender.yaml and {@code mapping_00229-model.pth.tar} (70).
 */
public enum RenderMode {
    CROP("mapping_00229-model.pth.tar", MappingConfig.CROP),
    FULL("mapping_00109-model.pth.tar", MappingConfig.FULL);

    private final String mappingFile;
    private final MappingConfig mapping;

    RenderMode(String mappingFile, MappingConfig mapping) {
        this.mappingFile = mappingFile;
        this.mapping = mapping;
    }

    /** The mode SadTalker picks for a {@code --preprocess} value. */
    public static RenderMode forPreprocess(String preprocess) {
        return preprocess.toLowerCase(Locale.ROOT).contains("full") ? FULL : CROP;
    }

    /** File name of this mode's MappingNet checkpoint. */
    public String mappingFile() {
        return mappingFile;
    }

    public MappingConfig mappingConfig() {
        return mapping;
    }

    /** Coefficient columns of the semantics windows (70 or 73). */
    public long coefficients() {
        return mapping.coeffNc();
    }
}
