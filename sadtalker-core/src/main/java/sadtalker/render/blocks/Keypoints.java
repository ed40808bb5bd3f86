package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import sadtalker.nn.CoordinateGrid;

/** Keypoint helpers of {@code src/facerender/modules/util.py}. */
public final class Keypoints {
    private Keypoints() {}

    /**
     * {@code kp2gaussian}: {@code exp(−0.5 · Σ_a (grid_a − kp_a)² / variance)} on
     * {@code make_coordinate_grid((d, h, w))}.
     *
     * @param kp {@code (N, K, 3)} ordered (x, y, z)
     * @return {@code (N, K, d, h, w)}, owned by {@code kp}'s manager
     */
    public static NDArray gaussian(NDArray kp, long d, long h, long w, float variance) {
        try (NDManager scope = kp.getManager().newSubManager()) {
            scope.tempAttachAll(kp);
            long n = kp.getShape().get(0);
            long k = kp.getShape().get(1);
            NDArray grid = CoordinateGrid.make(scope, d, h, w).reshape(1, 1, d, h, w, 3);
            NDArray mean = kp.reshape(n, k, 1, 1, 1, 3);
            NDArray diff = grid.sub(mean);                     // (N, K, d, h, w, 3)
            NDArray out = diff.square().sum(new int[] {5}).mul(-0.5f).div(variance).exp();
            return scope.ret(out);
        }
    }
}
