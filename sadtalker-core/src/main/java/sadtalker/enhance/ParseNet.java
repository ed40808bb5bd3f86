package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;

/**
 * facexlib {@code parsing/parsenet.py : ParseNet}, the face parser of {@code parsing_parsenet.pth}
 * (19 classes). Input (1, 3, S, S) RGB in [-1, 1]; outputs the class logits and an image.
 */
public final class ParseNet {
    /**
     * Constructor arguments; {@link #REAL} is what facexlib's {@code init_parsing_model} builds.
     */
    public record Config(int inSize, int outSize, int minFeatSize, int baseCh, int parsingCh, int resDepth,
            int minCh, int maxCh) {
        public static final Config REAL = new Config(512, 512, 32, 64, 19, 10, 32, 256);
    }

    /** {@code (mask, img)}: logits (1, parsing_ch, S, S) and image (1, 3, S, S). */
    public record Output(NDArray mask, NDArray img) {}

    private final Config config;
    private final ConvLayer encoderFirst; // encoder.0
    private final List<ResidualBlock> encoder = new ArrayList<>(); // encoder.1…
    private final List<ResidualBlock> body = new ArrayList<>();
    private final List<ResidualBlock> decoder = new ArrayList<>();
    private final ConvLayer outImgConv;
    private final ConvLayer outMaskConv;

    public ParseNet(Params p, Config c) {
        this.config = c;
        int minFeat = Math.min(c.inSize(), c.minFeatSize());
        int downSteps = log2(c.inSize() / minFeat);
        int upSteps = log2(c.outSize() / minFeat);
        Params enc = p.sub("encoder");
        this.encoderFirst = new ConvLayer(enc.sub("0"), 3, c.baseCh(), ConvLayer.Scale.NONE, false, false);
        int head = c.baseCh();
        for (int i = 0; i < downSteps; i++) {
            encoder.add(new ResidualBlock(enc.sub(Integer.toString(i + 1)), clip(c, head), clip(c, head * 2),
                    ConvLayer.Scale.DOWN));
            head *= 2;
        }
        for (int i = 0; i < c.resDepth(); i++) {
            body.add(new ResidualBlock(p.sub("body").sub(Integer.toString(i)), clip(c, head), clip(c, head),
                    ConvLayer.Scale.NONE));
        }
        for (int i = 0; i < upSteps; i++) {
            decoder.add(new ResidualBlock(p.sub("decoder").sub(Integer.toString(i)), clip(c, head), clip(c, head / 2),
                    ConvLayer.Scale.UP));
            head /= 2;
        }
        this.outImgConv = new ConvLayer(p.sub("out_img_conv"), clip(c, head), 3, ConvLayer.Scale.NONE, false, false);
        this.outMaskConv = new ConvLayer(p.sub("out_mask_conv"), clip(c, head), c.parsingCh(), ConvLayer.Scale.NONE,
                false, false);
    }

    private static int clip(Config c, int ch) {
        return Math.max(c.minCh(), Math.min(ch, c.maxCh()));
    }

    private static int log2(int v) {
        return 31 - Integer.numberOfLeadingZeros(v); // int(np.log2(v)) for v >= 1
    }

    public Output forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != config.inSize() || s.get(3) != config.inSize()) {
            throw new IllegalArgumentException("ParseNet expects (1, 3, " + config.inSize() + ", " + config.inSize()
                    + "), got " + s);
        }
        NDArray feat = encoderFirst.forward(x);
        for (ResidualBlock b : encoder) {
            feat = b.forward(feat);
        }
        NDArray y = feat;
        for (ResidualBlock b : body) {
            y = b.forward(y);
        }
        y = feat.add(y); // x = feat + body(feat)
        for (ResidualBlock b : decoder) {
            y = b.forward(y);
        }
        return new Output(outMaskConv.forward(y), outImgConv.forward(y));
    }
}
