package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import sadtalker.checkpoint.Params;

/**
 * facexlib {@code parsing/parsenet.py : ResidualBlock} (norm 'bn', LeakyReLU): shortcut is the
 * identity or a plain biased ConvLayer ({@code shortcut_func}); {@code conv2(conv1(x))} with the
 * resampling in conv1 ('up') or conv2 ('down'); no activation after the sum.
 */
final class ResidualBlock {
    private final ConvLayer shortcutFunc;
    private final ConvLayer conv1;
    private final ConvLayer conv2;

    ResidualBlock(Params p, long in, long out, ConvLayer.Scale scale) {
        this.shortcutFunc = scale == ConvLayer.Scale.NONE && in == out ? null
                : new ConvLayer(p.sub("shortcut_func"), in, out, scale, false, false);
        this.conv1 = new ConvLayer(p.sub("conv1"), in, out, scale == ConvLayer.Scale.UP ? scale : ConvLayer.Scale.NONE,
                true, true);
        this.conv2 = new ConvLayer(p.sub("conv2"), out, out,
                scale == ConvLayer.Scale.DOWN ? scale : ConvLayer.Scale.NONE, true, false);
    }

    NDArray forward(NDArray x) {
        NDArray identity = shortcutFunc == null ? x : shortcutFunc.forward(x);
        NDArray res = conv2.forward(conv1.forward(x));
        return res.add(identity);
    }
}
