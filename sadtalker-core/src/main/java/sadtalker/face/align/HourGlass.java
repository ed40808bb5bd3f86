package sadtalker.face.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.HashMap;
import java.util.Map;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;

/**
 * facexlib {@code awing_arch.py::HourGlass} (depth 4, 256 features) with its leading
 * {@code CoordConvTh} (64×64, with_r, with_boundary; a 1×1 conv from 256 + 3 channels, + 2 boundary
 * channels except for the first module). Down = {@code avg_pool2d(2)}, up = nearest ×2.
 */
final class HourGlass {
    private final int depth;
    private final Conv coordconv;
    private final Map<String, ConvBlock> blocks = new HashMap<>();

    HourGlass(Params p, int depth, boolean firstOne) {
        this.depth = depth;
        coordconv = Conv.load(p.sub("coordconv").sub("conv"), 2, firstOne ? 259 : 261, 256, 1, 1, 0, true);
        for (int level = depth; level >= 1; level--) {
            add(p, "b1_" + level);
            add(p, "b2_" + level);
            if (level == 1) {
                add(p, "b2_plus_" + level);
            }
            add(p, "b3_" + level);
        }
    }

    private void add(Params p, String name) {
        blocks.put(name, new ConvBlock(p.sub(name), 256, 256));
    }

    /** {@code heatmap}: the previous module's output (null for the first module). */
    NDArray forward(NDArray x, NDArray heatmap) {
        return level(depth, coordconv.forward(AddCoords.forward(x, heatmap)));
    }

    private NDArray level(int level, NDArray inp) {
        NDArray up1 = blocks.get("b1_" + level).forward(inp);
        NDArray low1 = Pool.avgPool2d(inp, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        low1 = blocks.get("b2_" + level).forward(low1);
        NDArray low2 = level > 1 ? level(level - 1, low1) : blocks.get("b2_plus_" + level).forward(low1);
        NDArray low3 = blocks.get("b3_" + level).forward(low2);
        Shape s = low3.getShape();
        return up1.add(Interpolate.nearest(low3, s.get(2) * 2, s.get(3) * 2));
    }
}
