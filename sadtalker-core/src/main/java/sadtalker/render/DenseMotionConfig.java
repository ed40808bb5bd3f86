package sadtalker.render;

/**
 * Constructor arguments of {@link DenseMotionNetwork}: {@code dense_motion_params} of
 * {@code src/config/facerender.yaml} plus the generator's {@code num_kp}, {@code feature_channel}
 * and {@code estimate_occlusion_map}.
 */
public record DenseMotionConfig(long blockExpansion, int numBlocks, long maxFeatures, int numKp, long featureChannel,
        long reshapeDepth, long compress, boolean estimateOcclusionMap) {

    /** facerender.yaml: dense_motion_params {32, 5 blocks, 1024, depth 16, compress 4}, 15 keypoints, 32 channels. */
    public static final DenseMotionConfig SADTALKER_256 = new DenseMotionConfig(32, 5, 1024, 15, 32, 16, 4, true);
}
