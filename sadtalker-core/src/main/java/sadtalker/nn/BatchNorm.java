package sadtalker.nn;

import ai.djl.ndarray.NDArray;
import sadtalker.checkpoint.Params;

/**
 * {@code nn.BatchNorm1d/2d/3d} (and SadTalker's {@code SynchronizedBatchNorm}, same keys and
 * eval maths) in eval mode: running statistics, eps 1e-5. {@code num_batches_tracked} is read by
 * nobody and may be absent.
 */
public record BatchNorm(NDArray weight, NDArray bias, NDArray runningMean, NDArray runningVar, float eps) {

    /** Loads an affine batch norm over {@code channels} from {@code p}. */
    public static BatchNorm load(Params p, long channels) {
        BatchNorm bn = new BatchNorm(p.tensor("weight", channels), p.tensor("bias", channels),
                p.tensor("running_mean", channels), p.tensor("running_var", channels), Norms.EPS);
        p.skip("num_batches_tracked");
        return bn;
    }

    /** Normalises channel axis 1 of {@code (N, C, ...)}. */
    public NDArray forward(NDArray x) {
        return Norms.batchNorm(x, runningMean, runningVar, weight, bias, eps);
    }
}
