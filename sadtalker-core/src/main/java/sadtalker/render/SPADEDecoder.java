package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;
import sadtalker.nn.Scopes;
import sadtalker.render.blocks.SPADEResnetBlock;

/**
 * Port of {@code src/facerender/modules/generator.py::SPADEDecoder}, hard-wired as the original:
 * {@code fc} 3×3 256 → 512, six {@code G_middle_i} SPADE blocks at 512 channels, nearest ×2 →
 * {@code up_0} (512 → 256), nearest ×2 → {@code up_1} (256 → 64), {@code conv_img(lrelu_0.2(x))}
 * → sigmoid. Every SPADE block is conditioned on the decoder's input feature.
 */
public final class SPADEDecoder {
    static final long INPUT_CHANNELS = 256;
    private static final long OUTPUT_CHANNELS = 64;
    private static final long LABEL_NC = 256;
    private static final int MIDDLE_BLOCKS = 6;

    private final Conv fc;
    private final SPADEResnetBlock[] gMiddle = new SPADEResnetBlock[MIDDLE_BLOCKS];
    private final SPADEResnetBlock up0;
    private final SPADEResnetBlock up1;
    private final Conv convImg;

    /** Loads {@code fc, G_middle_0..5, up_0, up_1, conv_img}. */
    public SPADEDecoder(Params p) {
        long ic = INPUT_CHANNELS;
        this.fc = Conv.load(p.sub("fc"), 2, ic, 2 * ic, 3, 1, 1, true);
        for (int i = 0; i < MIDDLE_BLOCKS; i++) {
            gMiddle[i] = new SPADEResnetBlock(p.sub("G_middle_" + i), 2 * ic, 2 * ic, LABEL_NC);
        }
        this.up0 = new SPADEResnetBlock(p.sub("up_0"), 2 * ic, ic, LABEL_NC);
        this.up1 = new SPADEResnetBlock(p.sub("up_1"), ic, OUTPUT_CHANNELS, LABEL_NC);
        this.convImg = Conv.load(p.sub("conv_img"), 2, OUTPUT_CHANNELS, 3, 3, 1, 1, true);
    }

    /** {@code (N, 256, h, w)} → {@code (N, 3, 4h, 4w)} in (0, 1). */
    public NDArray forward(NDArray feature) {
        try (NDManager scope = feature.getManager().newSubManager()) {
            scope.tempAttachAll(feature);
            NDArray seg = feature;
            // each activation goes as soon as the next exists (the decoder's are up to 64 MB per frame)
            NDArray x = fc.forward(feature);
            for (SPADEResnetBlock block : gMiddle) {
                x = Scopes.consume(x, v -> block.forward(v, seg));
            }
            x = Scopes.consume(x, SPADEDecoder::upsample);
            x = Scopes.consume(x, v -> up0.forward(v, seg));               // (N, 256, 2h, 2w)
            x = Scopes.consume(x, SPADEDecoder::upsample);
            x = Scopes.consume(x, v -> up1.forward(v, seg));               // (N, 64, 4h, 4w)
            x = Scopes.consume(x, v -> Activation.leakyRelu(v, 0.2f));
            x = Scopes.consume(x, convImg::forward);
            return scope.ret(Scopes.consume(x, Activation::sigmoid));
        }
    }

    /** {@code nn.Upsample(scale_factor=2)}: nearest. */
    private static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        return Interpolate.nearest(x, s.get(2) * 2, s.get(3) * 2);
    }
}
