package sadtalker.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/** Runs one stage of the Java port on a case's inputs, config and parameters. */
@FunctionalInterface
public interface StageRunner {
    /**
     * @return the outputs by name; every output the case lists must be present (extra ones are
     *     ignored). Arrays must be created in {@code manager}, which is closed after comparison.
     */
    Map<String, NDArray> run(ParityCase c, NDManager manager) throws Exception;
}
