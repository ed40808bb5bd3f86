package sadtalker.render;

/**
 * Constructor arguments of {@link OcclusionAwareSPADEGenerator}: {@code generator_params} and
 * {@code common_params} of {@code src/config/facerender.yaml} (identical in facerender_still.yaml).
 */
public record GeneratorConfig(long imageChannel, long featureChannel, int numKp, long blockExpansion, long maxFeatures,
        int numDownBlocks, long reshapeChannel, long reshapeDepth, int numResblocks, boolean estimateOcclusionMap,
        DenseMotionConfig denseMotion) {

    /** facerender.yaml generator_params + common_params. */
    public static final GeneratorConfig SADTALKER_256 = new GeneratorConfig(3, 32, 15, 64, 512, 2, 32, 16, 6, true,
            DenseMotionConfig.SADTALKER_256);

    public GeneratorConfig {
        if (blockExpansion << numDownBlocks != SPADEDecoder.INPUT_CHANNELS) {
            throw new IllegalArgumentException("the SPADE decoder is hard-wired to " + SPADEDecoder.INPUT_CHANNELS
                    + " input channels, but block_expansion·2^num_down_blocks = " + (blockExpansion << numDownBlocks));
        }
        if (reshapeChannel * reshapeDepth != maxFeatures) {
            throw new IllegalArgumentException("reshape_channel·reshape_depth (" + reshapeChannel * reshapeDepth
                    + ") must equal max_features (" + maxFeatures + ")");
        }
    }
}
