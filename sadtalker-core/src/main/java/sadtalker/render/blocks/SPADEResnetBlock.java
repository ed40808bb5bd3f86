package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;

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

    private NDArray shortcut(NDArray x, NDArray seg) {
        NDArray normalized = normS.forward(x, seg);
        NDArray out = convS.forward(normalized);
        normalized.close();
        return out;
    }

    /** {@code leaky_relu(x, 0.2)}, closing its input (intermediates are large at 256 px). */
    private static NDArray activated(NDArray x) {
        NDArray out = Activation.leakyRelu(x, SLOPE);
        x.close();
        return out;
    }

    /** {@code x (N, fin, H, W)}, {@code seg (N, label_nc, h, w)} → {@code (N, fout, H, W)}. */
    public NDArray forward(NDArray x, NDArray seg) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x, seg);
            NDArray xs = convS == null ? x : shortcut(x, seg);
            NDArray dx = conv0.forward(activated(norm0.forward(x, seg)));
            NDArray hidden = dx;
            dx = conv1.forward(activated(norm1.forward(hidden, seg)));
            hidden.close();
            NDArray out = dx.addi(xs);                                   // x_s + dx
            if (xs != x) {
                xs.close();
            }
            return scope.ret(out);
        }
    }
}
