package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.CoordinateGrid;
import sadtalker.render.blocks.AntiAliasInterpolation2d;
import sadtalker.render.blocks.KPHourglass;

/**
 * Port of {@code src/facerender/modules/keypoint_detector.py::KPDetector} (canonical keypoints, no
 * jacobian): anti-aliased downsampling, a {@link KPHourglass}, a 3×3×3 conv to one heatmap per
 * keypoint, a softmax over all voxels of {@code heatmap / temperature} and the expectation of
 * {@code make_coordinate_grid}. Input {@code (N, 3, 256, 256)} RGB in [0, 1]; output
 * {@code (N, 15, 3)} ordered (x, y, z) in [-1, 1].
 */
public final class KPDetector {
    private final KPDetectorConfig config;
    private final KPHourglass predictor;
    private final Conv kp;
    private final AntiAliasInterpolation2d down;

    /** Loads {@code predictor.*}, {@code kp}, and {@code down.weight} when the scale factor is not 1. */
    public KPDetector(Params p, KPDetectorConfig c) {
        this.config = c;
        this.predictor = new KPHourglass(p.sub("predictor"), c.blockExpansion(), c.imageChannel(), c.reshapeChannel(),
                c.reshapeDepth(), c.numBlocks(), c.maxFeatures());
        this.kp = Conv.load(p.sub("kp"), 3, predictor.outFilters(), c.numKp(), 3, 1, 1, true);
        this.down = c.scaleFactor() != 1f
                ? AntiAliasInterpolation2d.load(p.sub("down"), (int) c.imageChannel(), c.scaleFactor()) : null;
    }

    /** {@code (N, 3, H, W)} → keypoints {@code (N, K, 3)}. */
    public NDArray forward(NDArray image) {
        try (NDManager scope = image.getManager().newSubManager()) {
            scope.tempAttachAll(image);
            NDArray x = down == null ? image : down.forward(image);
            NDArray prediction = kp.forward(predictor.forward(x));           // (N, K, d, h, w)
            Shape s = prediction.getShape();
            long n = s.get(0);
            long k = s.get(1);
            NDArray heatmap = prediction.reshape(n, k, -1).div(config.temperature()).softmax(2);
            NDArray grid = CoordinateGrid.make(scope, s.get(2), s.get(3), s.get(4)).reshape(-1, 3);
            return scope.ret(heatmap.matMul(grid));                          // Σ heatmap · grid
        }
    }
}
