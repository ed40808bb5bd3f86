package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch.nn.functional.grid_sample} with PyTorch's defaults, the only way SadTalker calls it:
 * {@code mode='bilinear'} (trilinear for 5-D), {@code padding_mode='zeros'},
 * {@code align_corners=False}.
 *
 * <p>Written by hand because DJL's PyTorch engine does not expose libtorch's {@code grid_sampler}.
 * It follows libtorch's CPU kernel: unnormalise {@code ix = ((x + 1)·W − 1) / 2}, take the
 * {@code 2^k} neighbours {@code floor(ix) + {0, 1}} with weights {@code (x1 − ix)} and
 * {@code (ix − x0)}, and let a neighbour outside the volume contribute 0. The neighbours are read
 * with one {@code gather} each over the flattened spatial axes.
 */
public final class GridSample {
    private GridSample() {}

    /**
     * Samples {@code input} at {@code grid}.
     *
     * @param input {@code (N, C, H, W)} or {@code (N, C, D, H, W)}
     * @param grid {@code (N, Ho, Wo, 2)} ordered (x, y), or {@code (N, Do, Ho, Wo, 3)} ordered
     *     (x, y, z), in the normalised range [-1, 1] (values outside fade to 0)
     * @return {@code (N, C, Ho, Wo)} or {@code (N, C, Do, Ho, Wo)}, owned by {@code input}'s manager
     */
    public static NDArray gridSample(NDArray input, NDArray grid) {
        Shape in = input.getShape();
        Shape g = grid.getShape();
        int spatial = in.dimension() - 2;
        if ((spatial != 2 && spatial != 3) || g.dimension() != in.dimension() || g.get(0) != in.get(0)
                || g.get(g.dimension() - 1) != spatial) {
            throw new IllegalArgumentException("grid_sample needs input (N,C,[D,]H,W) and grid (N,[Do,]Ho,Wo,"
                    + spatial + "), got " + in + " and " + g);
        }
        long n = in.get(0);
        long c = in.get(1);
        long[] sizes = new long[spatial];          // in grid-axis order: W, H[, D]
        for (int a = 0; a < spatial; a++) {
            sizes[a] = in.get(in.dimension() - 1 - a);
        }
        long points = g.size() / (n * spatial);
        try (NDManager scope = input.getManager().newSubManager()) {
            scope.tempAttachAll(input, grid);
            NDArray flat = input.reshape(n, c, -1);                        // (N, C, S)
            NDArray coords = grid.reshape(n, points, spatial);
            NDArray[] ix = new NDArray[spatial];
            NDArray[] lo = new NDArray[spatial];
            for (int a = 0; a < spatial; a++) {
                NDArray x = coords.get(new NDIndex(":, :, {}", a));       // (N, P)
                ix[a] = x.add(1).mul(sizes[a]).sub(1).div(2);            // align_corners=False
                lo[a] = ix[a].floor();
            }
            NDArray out = null;
            for (int corner = 0; corner < (1 << spatial); corner++) {
                // each corner's terms (an int64 index and the gathered values, both N·C·P) go with
                // its own scope once added to the sum, instead of all 2^k staying until the end
                try (NDManager cornerScope = scope.newSubManager()) {
                    cornerScope.tempAttachAll(flat);
                    cornerScope.tempAttachAll(ix);
                    cornerScope.tempAttachAll(lo);
                    NDArray term = cornerTerm(corner, flat, ix, lo, sizes, n, c, points);
                    if (out == null) {
                        out = cornerScope.ret(term);
                    } else {
                        out.addi(term);
                    }
                }
            }
            long[] outShape = new long[in.dimension()];
            outShape[0] = n;
            outShape[1] = c;
            for (int i = 1; i < g.dimension() - 1; i++) {
                outShape[i + 1] = g.get(i);
            }
            return scope.ret(out.reshape(new Shape(outShape)));
        }
    }

    /** One neighbour's weighted values {@code (N, C, P)}; a neighbour outside the volume weighs 0. */
    private static NDArray cornerTerm(int corner, NDArray flat, NDArray[] ix, NDArray[] lo, long[] sizes, long n,
            long c, long points) {
        NDArray weight = null;
        NDArray index = null;
        NDArray valid = null;
        long stride = 1;
        for (int a = 0; a < ix.length; a++) {
            boolean upper = ((corner >> a) & 1) == 1;
            NDArray pos = upper ? lo[a].add(1) : lo[a];
            NDArray w = upper ? ix[a].sub(lo[a]) : lo[a].add(1).sub(ix[a]);   // libtorch's weights
            NDArray inside = pos.gte(0).logicalAnd(pos.lte(sizes[a] - 1));
            NDArray linear = pos.clip(0, sizes[a] - 1).toType(DataType.INT64, false).mul(stride);
            weight = weight == null ? w : weight.mul(w);
            valid = valid == null ? inside : valid.logicalAnd(inside);
            index = index == null ? linear : index.add(linear);
            stride *= sizes[a];
        }
        weight = weight.mul(valid.toType(DataType.FLOAT32, false)).expandDims(1);    // (N, 1, P)
        NDArray values = flat.gather(index.expandDims(1).broadcast(n, c, points), 2); // (N, C, P)
        return values.mul(weight);
    }
}
