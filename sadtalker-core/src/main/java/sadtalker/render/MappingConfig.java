package sadtalker.render;

/** Constructor arguments of {@link MappingNet}: {@code mapping_params} of the facerender yaml files. */
public record MappingConfig(long coeffNc, long descriptorNc, int layer, int numKp, int numBins) {

    /** facerender.yaml (crop, resize, extcrop): 70 coefficients. */
    public static final MappingConfig CROP = new MappingConfig(70, 1024, 3, 15, 66);
    /** facerender_still.yaml (full, extfull): 70 coefficients + 3 crop parameters. */
    public static final MappingConfig FULL = new MappingConfig(73, 1024, 3, 15, 66);
}
