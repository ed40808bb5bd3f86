package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * Port of {@code src/facerender/modules/util.py::Hourglass} with its {@code Encoder} and
 * {@code Decoder} (3-D, used by the DenseMotionNetwork). Encoder: {@code num_blocks}
 * {@link DownBlock3d}s with {@code min(max, be·2^(i+1))} channels, keeping every level's output;
 * decoder: an {@link UpBlock3d} per level, each followed by {@code cat([out, skip], dim=1)}, then
 * Conv3d 3×3×3 p1 + BatchNorm3d + ReLU on {@code be + in_features} channels.
 */
public final class Hourglass {
    private final List<DownBlock3d> encoderDownBlocks = new ArrayList<>();
    private final List<UpBlock3d> decoderUpBlocks = new ArrayList<>();
    private final Conv decoderConv;
    private final BatchNorm decoderNorm;
    private final long outFilters;

    /** Loads {@code encoder.down_blocks.*}, {@code decoder.up_blocks.*}, {@code decoder.conv}, {@code decoder.norm}. */
    public Hourglass(Params p, long blockExpansion, long inFeatures, int numBlocks, long maxFeatures) {
        Params down = p.sub("encoder").sub("down_blocks");
        for (int i = 0; i < numBlocks; i++) {
            long in = i == 0 ? inFeatures : Math.min(maxFeatures, blockExpansion << i);
            encoderDownBlocks.add(new DownBlock3d(down.sub(Integer.toString(i)), in,
                    Math.min(maxFeatures, blockExpansion << (i + 1))));
        }
        Params decoder = p.sub("decoder");
        Params up = decoder.sub("up_blocks");
        int index = 0;
        for (int i = numBlocks - 1; i >= 0; i--) {
            long in = (i == numBlocks - 1 ? 1 : 2) * Math.min(maxFeatures, blockExpansion << (i + 1));
            long out = Math.min(maxFeatures, blockExpansion << i);
            decoderUpBlocks.add(new UpBlock3d(up.sub(Integer.toString(index++)), in, out));
        }
        this.outFilters = blockExpansion + inFeatures;
        this.decoderConv = Conv.load(decoder.sub("conv"), 3, outFilters, outFilters, 3, 1, 1, true);
        this.decoderNorm = BatchNorm.load(decoder.sub("norm"), outFilters);
    }

    /** Channels of the output: {@code block_expansion + in_features}. */
    public long outFilters() {
        return outFilters;
    }

    /** {@code (N, in, D, H, W)} → {@code (N, out_filters, D, H, W)}; H, W divisible by {@code 2^num_blocks}. */
    public NDArray forward(NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            Deque<NDArray> outs = new ArrayDeque<>();
            outs.push(x);
            for (DownBlock3d block : encoderDownBlocks) {
                outs.push(block.forward(outs.peek()));
            }
            NDArray out = outs.pop();
            for (UpBlock3d block : decoderUpBlocks) {
                out = block.forward(out);
                out = NDArrays.concat(new NDList(out, outs.pop()), 1);
            }
            out = Activation.relu(decoderNorm.forward(decoderConv.forward(out)));
            return scope.ret(out);
        }
    }
}
