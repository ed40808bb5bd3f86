package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Normalisations as SadTalker's networks run them at inference. */
public final class Norms {
    /** PyTorch's default epsilon for BatchNorm and InstanceNorm. */
    public static final float EPS = 1e-5f;

    private Norms() {}

    /**
     * {@code F.instance_norm} without affine parameters or running statistics (as
     * {@code InstanceNorm2d(affine=False)} behaves in eval mode too): per sample and channel over
     * all spatial axes, biased variance. Works for (N, C, ...) of any rank.
     */
    public static NDArray instanceNorm(NDArray x, float eps) {
        Shape shape = x.getShape();
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray flat = x.reshape(shape.get(0), shape.get(1), -1);   // DJL reduces one axis at a time
            NDArray mean = flat.mean(new int[] {2}, true);
            NDArray centered = flat.sub(mean);
            NDArray var = centered.square().mean(new int[] {2}, true);
            return scope.ret(centered.div(var.add(eps).sqrt()).reshape(shape));
        }
    }

    /**
     * Batch norm in eval mode: {@code (x − running_mean) / sqrt(running_var + eps) · weight + bias}
     * over channel axis 1 of (N, C, ...). Calls libtorch's batch_norm with {@code training=false};
     * DJL's short {@code BatchNorm.batchNorm} overloads would normalise with batch statistics.
     */
    public static NDArray batchNorm(NDArray x, NDArray runningMean, NDArray runningVar, NDArray weight,
            NDArray bias, float eps) {
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean, runningVar, weight, bias, 1, 0.1f, eps, false)
                .singletonOrThrow();
    }
}
