package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * SadTalker's {@code make_coordinate_grid} ({@code src/facerender/modules/util.py}): a grid of
 * normalised coordinates {@code 2·(i / (n − 1)) − 1}, exactly −1 and +1 at the ends
 * (align_corners=True style, unlike {@link GridSample}), with the last axis ordered (x, y[, z]).
 */
public final class CoordinateGrid {
    private CoordinateGrid() {}

    /** {@code (h, w, 2)}: entry [y][x] = (x, y). */
    public static NDArray make(NDManager manager, long h, long w) {
        NDArray x = axis(manager, w).reshape(1, w).broadcast(h, w);
        NDArray y = axis(manager, h).reshape(h, 1).broadcast(h, w);
        return stackLast(x, y);
    }

    /** {@code (d, h, w, 3)}: entry [z][y][x] = (x, y, z). */
    public static NDArray make(NDManager manager, long d, long h, long w) {
        NDArray x = axis(manager, w).reshape(1, 1, w).broadcast(d, h, w);
        NDArray y = axis(manager, h).reshape(1, h, 1).broadcast(d, h, w);
        NDArray z = axis(manager, d).reshape(d, 1, 1).broadcast(d, h, w);
        return stackLast(x, y, z);
    }

    /** {@code 2·(i / (n − 1)) − 1} in float32, division first as the original. */
    private static NDArray axis(NDManager manager, long n) {
        NDArray i = manager.arange(0, (int) n, 1, DataType.FLOAT32);
        return i.div((float) (n - 1)).mul(2).sub(1);
    }

    /** Stacks equally shaped arrays along a new last axis. */
    private static NDArray stackLast(NDArray... parts) {
        return NDArrays.stack(new NDList(parts), parts[0].getShape().dimension());
    }
}
