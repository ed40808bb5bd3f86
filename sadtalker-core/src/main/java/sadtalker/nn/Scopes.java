package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * The memory discipline of a forward pass in NDManager scopes (DJL's {@code newSubManager},
 * {@code attach}, {@code ret}): an intermediate activation is freed as soon as the next one exists.
 * At 256 px a single activation is tens of MB per frame, so keeping every one until the enclosing
 * scope closes would multiply a block's peak memory.
 */
public final class Scopes {
    private Scopes() {}

    /**
     * {@code op(in)}, with {@code in} freed once the result exists: {@code in} moves into a step
     * scope that closes after {@code op}, and the result goes to the manager {@code in} had. Only for
     * an intermediate the caller owns, never for an input it was handed (that one must outlive the
     * call). If {@code op} returns {@code in} itself, it is kept.
     */
    public static NDArray consume(NDArray in, UnaryOperator<NDArray> op) {
        try (NDManager step = in.getManager().newSubManager()) {
            step.attachAll(in);
            return step.ret(op.apply(in));
        }
    }
}
