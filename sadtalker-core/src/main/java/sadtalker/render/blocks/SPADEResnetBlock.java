package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Scopes;

/**
 * Port of {@code src/facerender/modules/util.py::SPADEResnetBlock} with {@code norm_G =
 * 'spadespectralinstance'}: {@code shortcut + conv_1(lrelu(norm_1(conv_0(lrelu(norm_0(x, seg))),
 * seg)))}, LeakyReLU slope 0.2, spectral-norm 3×3 convs (eval-mode weight computed once at load).
 * The shortcut is learned ({@code conv_s(norm_s(x, seg))}, 1×1 without bias) iff {@code fin ≠ fout}.
 */
public final class SPADEResnetBlock {
    private static final float SLOPE = 0.2f;

    private final Conv conv0;
    private final Conv conv1;
    private final Conv convS;
    private final SPADE norm0;
    private final SPADE norm1;
    private final SPADE normS;

    /** Loads {@code conv_0, conv_1, norm_0, norm_1} and, for a learned shortcut, {@code conv_s, norm_s}. */
    public SPADEResnetBlock(Params p, long fin, long fout, long labelNc) {
        long fmiddle = Math.min(fin, fout);
        this.conv0 = Conv.loadSpectral(p.sub("conv_0"), 2, fin, fmiddle, 3, 1, 1, true);
        this.conv1 = Conv.loadSpectral(p.sub("conv_1"), 2, fmiddle, fout, 3, 1, 1, true);
        boolean learnedShortcut = fin != fout;
        this.convS = learnedShortcut ? Conv.loadSpectral(p.sub("conv_s"), 2, fin, fout, 1, 1, 0, false) : null;
        this.norm0 = new SPADE(p.sub("norm_0"), fin, labelNc);
        this.norm1 = new SPADE(p.sub("norm_1"), fmiddle, labelNc);
        this.normS = learnedShortcut ? new SPADE(p.sub("norm_s"), fin, labelNc) : null;
    }

    /** {@code leaky_relu(x, 0.2)}. */
    private static NDArray activated(NDArray x) {
        return Activation.leakyRelu(x, SLOPE);
    }

    /** {@code x (N, fin, H, W)}, {@code seg (N, label_nc, h, w)} → {@code (N, fout, H, W)}. */
    public NDArray forward(NDArray x, NDArray seg) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x, seg);
            // each intermediate goes as soon as the next exists (they are large at 256 px)
            NDArray xs = convS == null ? x : Scopes.consume(normS.forward(x, seg), convS::forward);
            NDArray dx = Scopes.consume(Scopes.consume(norm0.forward(x, seg), SPADEResnetBlock::activated), conv0::forward);
            dx = Scopes.consume(dx, h -> norm1.forward(h, seg));
            dx = Scopes.consume(Scopes.consume(dx, SPADEResnetBlock::activated), conv1::forward);
            return scope.ret(dx.addi(xs));                               // x_s + dx; the shortcut goes with the scope
        }
    }
}
