package sadtalker.render;

/**
 * Constructor arguments of {@link KPDetector}: {@code kp_detector_params} and {@code common_params}
 * of {@code src/config/facerender.yaml}. No jacobian ({@code estimate_jacobian: False}).
 */
public record KPDetectorConfig(long blockExpansion, long featureChannel, int numKp, long imageChannel, long maxFeatures,
        long reshapeChannel, long reshapeDepth, int numBlocks, float temperature, float scaleFactor) {

    /** facerender.yaml: block_expansion 32, max_features 1024, 5 blocks, 16384 = 1024·16, scale 0.25. */
    public static final KPDetectorConfig SADTALKER_256 = new KPDetectorConfig(32, 32, 15, 3, 1024, 16384, 16, 5, 0.1f,
            0.25f);
}
