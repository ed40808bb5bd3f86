package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code torch.nn.functional.interpolate} to an output size, run by libtorch itself through DJL's
 * JNI (modes as DJL numbers them). With an integral scale factor, {@code size = in · factor} gives
 * the same result as PyTorch's {@code scale_factor=} call.
 */
public final class Interpolate {
    private static final int NEAREST = 0;
    private static final int BILINEAR = 2;
    private static final int BICUBIC = 3;
    private static final int TRILINEAR = 4;
    private static final int AREA = 5;

    private Interpolate() {}

    /** {@code mode='nearest'}: source index {@code floor(dst · in / out)}; 3-D to 5-D input. */
    public static NDArray nearest(NDArray x, long... size) {
        return run(x, size, NEAREST, false);
    }

    /** {@code mode='bilinear'} on (N, C, H, W). */
    public static NDArray bilinear(NDArray x, long h, long w, boolean alignCorners) {
        return run(x, new long[] {h, w}, BILINEAR, alignCorners);
    }

    /** {@code mode='bicubic'} on (N, C, H, W). */
    public static NDArray bicubic(NDArray x, long h, long w, boolean alignCorners) {
        return run(x, new long[] {h, w}, BICUBIC, alignCorners);
    }

    /** {@code mode='trilinear'} on (N, C, D, H, W). */
    public static NDArray trilinear(NDArray x, long d, long h, long w, boolean alignCorners) {
        return run(x, new long[] {d, h, w}, TRILINEAR, alignCorners);
    }

    /** {@code mode='area'} (adaptive average pooling) on 3-D to 5-D input. */
    public static NDArray area(NDArray x, long... size) {
        return run(x, size, AREA, false);
    }

    private static NDArray run(NDArray x, long[] size, int mode, boolean alignCorners) {
        if (x.getShape().dimension() != size.length + 2) {
            throw new IllegalArgumentException("interpolate to " + size.length + " spatial sizes needs "
                    + (size.length + 2) + "-D input, got " + x.getShape());
        }
        return JniUtils.interpolate((PtNDArray) x, size, mode, alignCorners);
    }
}
