package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sadtalker.nn.Conv;

/**
 * A stride-1 Conv3d evaluated over slabs of its output depth, to bound the working memory of a
 * large kernel. The DenseMotionNetwork's mask conv (112 → 16 channels, 7×7×7, on 16×64×64) is
 * the case in point: a CPU path that unfolds the whole input (im2col) needs 112·343·65536 ≈
 * 2.5·10⁹ floats (10 GB) for one frame. Each slab {@code [z0, z1)} convolves the input depths
 * {@code [z0 − p, z1 + p)} (zero beyond the volume) with padding only in H and W, so the result is
 * the same convolution, element for element.
 *
 * <p>Slicing is off by default: libtorch 2.3.1's CPU build (x86_64) runs float32 Conv3d through
 * oneDNN without unfolding (measured: the real mask conv peaks at about 225 MB resident for one
 * frame and 0.66 GB for eight, 0.9–1.4 s per frame on 2 cores), and slabs of 4 depths cost 2.5×
 * the arithmetic because of their 6-depth halo. Set {@code -Dsadtalker.render.conv3dSlab=N} (or
 * {@link #SlicedConv3d(Conv, int)}) on a libtorch build without oneDNN, where the unfolding path would need
 * about 10 GB per frame.
 */
public final class SlicedConv3d {
    /** Output depths per slab of {@link #SlicedConv3d(Conv)}: {@code -Dsadtalker.render.conv3dSlab}, 0 (never slice) by default. */
    public static final int DEFAULT_SLAB_DEPTH = Integer.getInteger("sadtalker.render.conv3dSlab", 0);

    private final int slabDepth;

    private final Conv full;
    private final Conv inPlane;
    private final long depthPadding;

    /** Wraps a stride-1, dilation-1 Conv3d, slicing by {@link #DEFAULT_SLAB_DEPTH}. */
    public SlicedConv3d(Conv conv) {
        this(conv, DEFAULT_SLAB_DEPTH);
    }

    /** Wraps a stride-1, dilation-1 Conv3d computing {@code slabDepth} output depths per slab (0: no slicing). */
    public SlicedConv3d(Conv conv, int slabDepth) {
        if (slabDepth < 0) {
            throw new IllegalArgumentException("slab depth must be >= 0, got " + slabDepth);
        }
        this.slabDepth = slabDepth;
        if (conv.stride().length != 3 || conv.stride()[0] != 1 || conv.dilation()[0] != 1) {
            throw new IllegalArgumentException("SlicedConv3d needs a stride-1, dilation-1 3-D conv");
        }
        this.full = conv;
        this.depthPadding = conv.padding()[0];
        this.inPlane = new Conv(conv.weight(), conv.bias(), conv.stride(),
                new long[] {0, conv.padding()[1], conv.padding()[2]}, conv.dilation(), conv.groups());
    }

    /** {@code (N, C, D, H, W)} → the convolution's output, the same as the unsliced conv. */
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long kernelDepth = full.weight().getShape().get(2);
        long outDepth = s.get(2) + 2 * depthPadding - kernelDepth + 1;
        int slab = slabDepth;
        if (slab <= 0 || slab >= outDepth) {
            return full.forward(x);
        }
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray padded = x;
            if (depthPadding > 0) {
                NDArray zeros = scope.zeros(new Shape(s.get(0), s.get(1), depthPadding, s.get(3), s.get(4)),
                        x.getDataType());
                padded = NDArrays.concat(new NDList(zeros, x, zeros), 2);
            }
            List<NDArray> parts = new ArrayList<>();
            for (long z0 = 0; z0 < outDepth; z0 += slab) {
                long z1 = Math.min(outDepth, z0 + slab);
                NDArray in = padded.get(new NDIndex(":, :, {}:{}", z0, z1 + kernelDepth - 1));
                parts.add(inPlane.forward(in));
            }
            return scope.ret(NDArrays.concat(new NDList(parts), 2));
        }
    }
}
