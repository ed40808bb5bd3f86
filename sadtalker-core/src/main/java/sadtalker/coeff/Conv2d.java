package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * Port of the {@code Conv2d} block of {@code src/audio2exp_models/networks.py} and of
 * {@code src/audio2pose_models/audio_encoder.py} (the same block, from Wav2Lip):
 * {@code conv_block = [Conv2d, BatchNorm2d]}, then {@code + x} if residual (before the ReLU),
 * then ReLU ({@code use_act} is always true where SadTalker builds it).
 */
final class Conv2d {
    private final Conv conv;            // conv_block.0
    private final BatchNorm norm;       // conv_block.1
    private final boolean residual;

    Conv2d(Params p, long cin, long cout, long kernel, long strideH, long strideW, long padding, boolean residual) {
        Params block = p.sub("conv_block");
        Params c = block.sub("0");
        this.conv = new Conv(c.tensor("weight", cout, cin, kernel, kernel), c.tensor("bias", cout),
                new long[] {strideH, strideW}, new long[] {padding, padding}, new long[] {1, 1}, 1);
        this.norm = BatchNorm.load(block.sub("1"), cout);
        this.residual = residual;
    }

    NDArray forward(NDArray x) {
        NDArray out = norm.forward(conv.forward(x));
        if (residual) {
            out = out.add(x);
        }
        return out.getNDArrayInternal().relu();
    }

    /**
     * The 13-block Wav2Lip audio encoder {@code nn.Sequential} both networks hold (keys
     * {@code 0.conv_block.0.weight} … {@code 12.conv_block.1.running_var} under {@code p}):
     * (N, 1, 80, 16) → (N, 512, 1, 1).
     */
    static List<Conv2d> wav2LipEncoder(Params p) {
        List<Conv2d> l = new ArrayList<>();
        l.add(new Conv2d(p.sub("0"), 1, 32, 3, 1, 1, 1, false));
        l.add(new Conv2d(p.sub("1"), 32, 32, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("2"), 32, 32, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("3"), 32, 64, 3, 3, 1, 1, false));        // 80×16 → 27×16
        l.add(new Conv2d(p.sub("4"), 64, 64, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("5"), 64, 64, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("6"), 64, 128, 3, 3, 3, 1, false));       // → 9×6
        l.add(new Conv2d(p.sub("7"), 128, 128, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("8"), 128, 128, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("9"), 128, 256, 3, 3, 2, 1, false));      // → 3×3
        l.add(new Conv2d(p.sub("10"), 256, 256, 3, 1, 1, 1, true));
        l.add(new Conv2d(p.sub("11"), 256, 512, 3, 1, 1, 0, false));     // → 1×1
        l.add(new Conv2d(p.sub("12"), 512, 512, 1, 1, 1, 0, false));
        return List.copyOf(l);
    }

    /** Runs {@code blocks} in order. */
    static NDArray forwardAll(List<Conv2d> blocks, NDArray x) {
        for (Conv2d b : blocks) {
            x = b.forward(x);
        }
        return x;
    }
}
