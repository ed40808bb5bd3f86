package sadtalker.testkit;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;

/** Network parameters generated with {@link DetWeights} instead of read from a checkpoint. */
public final class GeneratedParams {
    private GeneratedParams() {}

    /**
     * A root view that generates every requested float tensor with {@link DetWeights} from
     * {@code seed} (keys are prefixed with {@code namePrefix} for the formula) and integer buffers
     * as zeros, except those in {@code overrides} (the {@code param.*} tensors of a parity case,
     * keyed like requests). Requested shapes must then be fully specified.
     */
    public static Params of(long seed, String namePrefix, StateDict overrides, NDManager manager) {
        return Params.withFallback(overrides, manager, (key, shape, m) -> {
            if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException("generated parameter " + key + " needs a full shape, got "
                        + Arrays.toString(shape).replace("-1", "*"));
            }
            if (DetWeights.isIntegerBuffer(key)) {
                return m.zeros(new Shape(shape), DataType.INT64);
            }
            return m.create(DetWeights.values(namePrefix + key, shape, seed), new Shape(shape));
        });
    }
}
