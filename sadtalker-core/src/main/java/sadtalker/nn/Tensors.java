package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Small NDArray helpers the ops share. */
public final class Tensors {
    private Tensors() {}

    /** Stacks equally shaped arrays along a new last axis. */
    public static NDArray stackLast(NDArray... parts) {
        return NDArrays.stack(new NDList(parts), parts[0].getShape().dimension());
    }
}
