package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;

/**
 * Port of {@code src/facerender/modules/util.py::KPHourglass}: {@code num_blocks} 2-D
 * {@link DownBlock2d}s ({@code down_blocks.down<i>}), a 1×1 conv to {@code reshape_features}
 * channels, a view to {@code (N, reshape_features / depth, depth, h, w)} (channel {@code c·depth +
 * d}), then {@code num_blocks} {@link UpBlock3d}s ({@code up_blocks.up<i>}).
 */
public final class KPHourglass {
    private final List<DownBlock2d> downBlocks = new ArrayList<>();
    private final Conv conv;
    private final List<UpBlock3d> upBlocks = new ArrayList<>();
    private final long reshapeDepth;
    private final long outFilters;

    /** Loads {@code down_blocks.down<i>}, {@code conv}, {@code up_blocks.up<i>}. */
    public KPHourglass(Params p, long blockExpansion, long inFeatures, long reshapeFeatures, long reshapeDepth,
            int numBlocks, long maxFeatures) {
        Params down = p.sub("down_blocks");
        for (int i = 0; i < numBlocks; i++) {
            long in = i == 0 ? inFeatures : Math.min(maxFeatures, blockExpansion << i);
            downBlocks.add(new DownBlock2d(down.sub("down" + i), in, Math.min(maxFeatures, blockExpansion << (i + 1))));
        }
        long inFilters = Math.min(maxFeatures, blockExpansion << numBlocks);
        this.conv = Conv.load(p.sub("conv"), 2, inFilters, reshapeFeatures, 1, 1, 0, true);
        Params up = p.sub("up_blocks");
        long out = inFilters;
        for (int i = 0; i < numBlocks; i++) {
            long in = Math.min(maxFeatures, blockExpansion << (numBlocks - i));
            out = Math.min(maxFeatures, blockExpansion << (numBlocks - i - 1));
            upBlocks.add(new UpBlock3d(up.sub("up" + i), in, out));
        }
        if (reshapeFeatures % reshapeDepth != 0) {
            throw new IllegalArgumentException("reshape_channel " + reshapeFeatures + " is not a multiple of reshape_depth "
                    + reshapeDepth);
        }
        this.reshapeDepth = reshapeDepth;
        this.outFilters = out;
    }

    /** Channels of the output feature map. */
    public long outFilters() {
        return outFilters;
    }

    /** {@code (N, C, H, W)} → {@code (N, out_filters, depth, H / 2^n · 2^n, ...)}. */
    public NDArray forward(NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray out = x;
            for (DownBlock2d block : downBlocks) {
                out = block.forward(out);
            }
            out = conv.forward(out);
            Shape s = out.getShape();
            out = out.reshape(s.get(0), s.get(1) / reshapeDepth, reshapeDepth, s.get(2), s.get(3));
            for (UpBlock3d block : upBlocks) {
                out = block.forward(out);
            }
            return scope.ret(out);
        }
    }
}
