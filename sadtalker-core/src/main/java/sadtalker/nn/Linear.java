package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import sadtalker.checkpoint.Params;

/** {@code nn.Linear}: {@code x · weightᵀ + bias}, weight {@code (out, in)}. */
public record Linear(NDArray weight, NDArray bias) {

    /** Loads {@code weight} and (when {@code hasBias}) {@code bias} from {@code p}. */
    public static Linear load(Params p, long in, long out, boolean hasBias) {
        return new Linear(p.tensor("weight", out, in), hasBias ? p.tensor("bias", out) : null);
    }

    /** Applies the layer to {@code (..., in)}. */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
