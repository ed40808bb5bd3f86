package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.CoordinateGrid;
import sadtalker.nn.GridSample;
import sadtalker.nn.Scopes;
import sadtalker.render.blocks.Hourglass;
import sadtalker.render.blocks.Keypoints;
import sadtalker.render.blocks.SlicedConv3d;

/**
 * Port of {@code src/facerender/modules/dense_motion.py::DenseMotionNetwork}: predicts, from the
 * source feature volume and the two keypoint sets, a 16-way soft assignment (background +
 * 15 keypoints) of every voxel to a keypoint motion, the resulting dense deformation and an
 * occlusion map. No jacobians (SadTalker's {@code estimate_jacobian: False}).
 */
public final class DenseMotionNetwork {
    private static final float KP_VARIANCE = 0.01f;
    /** Mask entries below this are zeroed before the deformation sum, without renormalising. */
    private static final float MASK_FLOOR = 1e-3f;

    private final DenseMotionConfig config;
    private final Hourglass hourglass;
    private final SlicedConv3d mask;
    private final Conv compress;
    private final BatchNorm norm;
    private final Conv occlusion;

    /** Output of {@link #forward}; {@code occlusionMap} is null without {@code estimate_occlusion_map}. */
    public record Output(NDArray mask, NDArray deformation, NDArray occlusionMap) {}

    /** Loads {@code hourglass.*, mask, compress, norm, occlusion}. */
    public DenseMotionNetwork(Params p, DenseMotionConfig c) {
        this.config = c;
        this.hourglass = new Hourglass(p.sub("hourglass"), c.blockExpansion(), (c.numKp() + 1) * (c.compress() + 1),
                c.numBlocks(), c.maxFeatures());
        long outFilters = hourglass.outFilters();
        this.mask = new SlicedConv3d(Conv.load(p.sub("mask"), 3, outFilters, c.numKp() + 1, 7, 1, 3, true));
        this.compress = Conv.load(p.sub("compress"), 3, c.featureChannel(), c.compress(), 1, 1, 0, true);
        this.norm = BatchNorm.load(p.sub("norm"), c.compress());
        this.occlusion = c.estimateOcclusionMap()
                ? Conv.load(p.sub("occlusion"), 2, outFilters * c.reshapeDepth(), 1, 7, 1, 3, true) : null;
    }

    /**
     * @param feature {@code (N, feature_channel, d, h, w)}
     * @param kpDriving {@code (N, K, 3)}
     * @param kpSource {@code (N, K, 3)}
     */
    public Output forward(NDArray feature, NDArray kpDriving, NDArray kpSource) {
        return motion(compressed(feature), kpDriving, kpSource);
    }

    /** {@code relu(norm(compress(feature)))}: depends on the source only, so a renderer can keep it. */
    public NDArray compressed(NDArray feature) {
        return Activation.relu(norm.forward(compress.forward(feature)));
    }

    /** The rest of {@link #forward} on an already compressed feature {@code (N, compress, d, h, w)}. */
    public Output motion(NDArray feature, NDArray kpDriving, NDArray kpSource) {
        Shape s = feature.getShape();
        long bs = s.get(0);
        long d = s.get(2);
        long h = s.get(3);
        long w = s.get(4);
        try (NDManager scope = feature.getManager().newSubManager()) {
            scope.tempAttachAll(feature, kpDriving, kpSource);
            NDArray sparseMotion = sparseMotions(kpDriving, kpSource, d, h, w, config.numKp());
            NDArray deformed = deformedFeature(feature, sparseMotion);
            NDArray heatmap = heatmapRepresentations(kpDriving, kpSource, d, h, w);
            NDArray input = NDArrays.concat(new NDList(heatmap, deformed), 2).reshape(bs, -1, d, h, w);

            NDArray prediction = hourglass.forward(input);
            NDArray softmax = mask.forward(prediction).softmax(1);          // (N, K+1, d, h, w)
            NDArray kept = softmax.mul(softmax.gte(MASK_FLOOR).toType(softmax.getDataType(), false));
            NDArray motion = sparseMotion.transpose(0, 1, 5, 2, 3, 4);       // (N, K+1, 3, d, h, w)
            NDArray deformation = motion.mul(kept.expandDims(2)).sum(new int[] {1}).transpose(0, 2, 3, 4, 1);

            NDArray occlusionMap = null;
            if (occlusion != null) {
                Shape ps = prediction.getShape();
                NDArray flat = prediction.reshape(ps.get(0), -1, ps.get(3), ps.get(4));
                occlusionMap = Activation.sigmoid(occlusion.forward(flat));
                scope.ret(occlusionMap);
            }
            return new Output(scope.ret(softmax), scope.ret(deformation), occlusionMap);
        }
    }

    /**
     * {@code create_sparse_motions}: {@code (N, K+1, d, h, w, 3)}, index 0 the identity grid,
     * index {@code 1+k} = {@code grid − kp_driving[k] + kp_source[k]}.
     */
    public static NDArray sparseMotions(NDArray kpDriving, NDArray kpSource, long d, long h, long w, int numKp) {
        long bs = kpDriving.getShape().get(0);
        try (NDManager scope = kpDriving.getManager().newSubManager()) {
            scope.tempAttachAll(kpDriving, kpSource);
            NDArray identity = CoordinateGrid.make(scope, d, h, w).reshape(1, 1, d, h, w, 3);
            NDArray coordinate = identity.sub(kpDriving.reshape(bs, numKp, 1, 1, 1, 3));
            NDArray drivingToSource = coordinate.add(kpSource.reshape(bs, numKp, 1, 1, 1, 3));
            NDArray background = identity.broadcast(bs, 1, d, h, w, 3);
            return scope.ret(NDArrays.concat(new NDList(background, drivingToSource), 1));
        }
    }

    /**
     * {@code create_deformed_feature}: the feature warped by each of the K+1 motions with
     * grid_sample defaults → {@code (N, K+1, C, d, h, w)}. The original samples the feature repeated
     * K+1 times in one call; sampling it once per motion is the same per-sample operation and keeps
     * the working memory of one call (measured: 2.9 GB for two real-size frames in one call).
     */
    public static NDArray deformedFeature(NDArray feature, NDArray sparseMotions) {
        long k1 = sparseMotions.getShape().get(1);
        try (NDManager scope = feature.getManager().newSubManager()) {
            scope.tempAttachAll(feature, sparseMotions);
            NDList parts = new NDList();
            for (long k = 0; k < k1; k++) {
                NDArray grid = sparseMotions.get(new NDIndex(":, {}", k));          // (N, d, h, w, 3)
                parts.add(Scopes.consume(grid, g -> GridSample.gridSample(feature, g)));   // (N, C, d, h, w)
            }
            return scope.ret(NDArrays.stack(parts, 1));
        }
    }

    /**
     * {@code create_heatmap_representations}: gaussian(driving) − gaussian(source) with variance
     * 0.01, a zero background channel first → {@code (N, K+1, 1, d, h, w)}.
     */
    public static NDArray heatmapRepresentations(NDArray kpDriving, NDArray kpSource, long d, long h, long w) {
        try (NDManager scope = kpDriving.getManager().newSubManager()) {
            scope.tempAttachAll(kpDriving, kpSource);
            NDArray heatmap = Keypoints.gaussian(kpDriving, d, h, w, KP_VARIANCE)
                    .sub(Keypoints.gaussian(kpSource, d, h, w, KP_VARIANCE));
            NDArray zeros = scope.zeros(new Shape(heatmap.getShape().get(0), 1, d, h, w), heatmap.getDataType());
            return scope.ret(NDArrays.concat(new NDList(zeros, heatmap), 1).expandDims(2));
        }
    }
}
