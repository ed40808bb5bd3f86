package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Port of {@code keypoint_transformation}, {@code headpose_pred_to_degree} and
 * {@code get_rotation_matrix} of {@code src/facerender/modules/make_animation.py}: rotates the
 * canonical keypoints by the predicted head pose, adds the vertical translation and the
 * expression offsets.
 */
public final class KeypointTransformation {
    /** The original converts degrees with 3.14, not π; using π moves rot_mat by up to 5e-4. */
    private static final float PI_AS_IN_ORIGINAL = 3.14f;

    private KeypointTransformation() {}

    /** Result: transformed keypoints and the pose actually used. */
    public record Result(NDArray value, NDArray yawDeg, NDArray pitchDeg, NDArray rollDeg, NDArray rotMat) {}

    /**
     * @param kpCanonical {@code (N, K, 3)}
     * @param he the mapping output ({@code t[:, 0]} and {@code t[:, 2]} are ignored as in the original)
     * @param yawIn, pitchIn, rollIn {@code (N)} degrees replacing the predicted angle, or null
     */
    public static Result apply(NDArray kpCanonical, MappingNet.Output he, NDArray yawIn, NDArray pitchIn,
            NDArray rollIn) {
        try (NDManager scope = kpCanonical.getManager().newSubManager()) {
            scope.tempAttachAll(kpCanonical, he.yaw(), he.pitch(), he.roll(), he.t(), he.exp());
            for (NDArray in : new NDArray[] {yawIn, pitchIn, rollIn}) {
                if (in != null) {
                    scope.tempAttachAll(in);
                }
            }
            NDArray yaw = yawIn != null ? yawIn.duplicate() : headposePredToDegree(he.yaw());
            NDArray pitch = pitchIn != null ? pitchIn.duplicate() : headposePredToDegree(he.pitch());
            NDArray roll = rollIn != null ? rollIn.duplicate() : headposePredToDegree(he.roll());
            NDArray rot = rotationMatrix(yaw, pitch, roll);                       // (N, 3, 3)
            long n = kpCanonical.getShape().get(0);
            NDArray kpRotated = kpCanonical.batchMatMul(rot.transpose(0, 2, 1));  // kp @ rotᵀ
            NDArray ty = he.t().get(new NDIndex(":, 1:2"));                         // only t_y
            NDArray zeros = scope.zeros(ty.getShape(), ty.getDataType());
            NDArray t = NDArrays.concat(new NDList(zeros, ty, zeros), 1).reshape(n, 1, 3);
            NDArray value = kpRotated.add(t).add(he.exp().reshape(n, -1, 3));
            return new Result(scope.ret(value), scope.ret(yaw), scope.ret(pitch), scope.ret(roll), scope.ret(rot));
        }
    }

    /** {@code Σ softmax(logits)_b · b · 3 − 99} over bins b = 0..65: degrees {@code (N)}. */
    public static NDArray headposePredToDegree(NDArray logits) {
        long bins = logits.getShape().get(1);
        NDArray idx = logits.getManager().arange(0, (int) bins, 1, DataType.FLOAT32);
        NDArray degree = logits.softmax(1).mul(idx).sum(new int[] {1}).mul(3).sub(99);
        idx.close();
        return degree;
    }

    /** {@code pitch_mat(x) @ yaw_mat(y) @ roll_mat(z)} from degrees {@code (N)} → {@code (N, 3, 3)}. */
    public static NDArray rotationMatrix(NDArray yawDeg, NDArray pitchDeg, NDArray rollDeg) {
        try (NDManager scope = yawDeg.getManager().newSubManager()) {
            scope.tempAttachAll(yawDeg, pitchDeg, rollDeg);
            NDArray yaw = yawDeg.div(180).mul(PI_AS_IN_ORIGINAL);
            NDArray pitch = pitchDeg.div(180).mul(PI_AS_IN_ORIGINAL);
            NDArray roll = rollDeg.div(180).mul(PI_AS_IN_ORIGINAL);
            NDArray one = yaw.onesLike();
            NDArray zero = yaw.zerosLike();
            NDArray pitchMat = matrix(one, zero, zero,
                    zero, pitch.cos(), pitch.sin().neg(),
                    zero, pitch.sin(), pitch.cos());
            NDArray yawMat = matrix(yaw.cos(), zero, yaw.sin(),
                    zero, one, zero,
                    yaw.sin().neg(), zero, yaw.cos());
            NDArray rollMat = matrix(roll.cos(), roll.sin().neg(), zero,
                    roll.sin(), roll.cos(), zero,
                    zero, zero, one);
            return scope.ret(pitchMat.batchMatMul(yawMat).batchMatMul(rollMat));
        }
    }

    private static NDArray matrix(NDArray... rowMajor) {
        long n = rowMajor[0].getShape().get(0);
        return NDArrays.stack(new NDList(rowMajor), 1).reshape(n, 3, 3);
    }
}
