package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Interpolate;
import sadtalker.nn.Norms;
import sadtalker.nn.Scopes;

/**
 * Port of {@code src/facerender/modules/util.py::SPADE}: {@code InstanceNorm2d(affine=False)}
 * (instance statistics even in eval) modulated by {@code (1 + γ)} and {@code β}, both 3×3 convs
 * over {@code relu(mlp_shared(seg))} with {@code seg} resized to x's size by nearest interpolation.
 */
public final class SPADE {
    private static final long NHIDDEN = 128;

    private final Conv mlpShared;
    private final Conv mlpGamma;
    private final Conv mlpBeta;

    /** Loads {@code mlp_shared.0}, {@code mlp_gamma}, {@code mlp_beta}. */
    public SPADE(Params p, long normNc, long labelNc) {
        this.mlpShared = Conv.load(p.sub("mlp_shared").sub("0"), 2, labelNc, NHIDDEN, 3, 1, 1, true);
        this.mlpGamma = Conv.load(p.sub("mlp_gamma"), 2, NHIDDEN, normNc, 3, 1, 1, true);
        this.mlpBeta = Conv.load(p.sub("mlp_beta"), 2, NHIDDEN, normNc, 3, 1, 1, true);
    }

    /** {@code x (N, norm_nc, H, W)}, {@code segmap (N, label_nc, h, w)} → {@code (N, norm_nc, H, W)}. */
    public NDArray forward(NDArray x, NDArray segmap) {
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x, segmap);
            NDArray normalized = Norms.instanceNorm(x, Norms.EPS);
            Shape s = x.getShape();
            boolean resize = segmap.getShape().get(2) != s.get(2) || segmap.getShape().get(3) != s.get(3);
            // a resized segmap is ours and goes once used (at 256 px it is 64 MB per frame); the caller's stays
            NDArray hidden = resize ? Scopes.consume(Interpolate.nearest(segmap, s.get(2), s.get(3)), mlpShared::forward)
                    : mlpShared.forward(segmap);
            NDArray actv = Scopes.consume(hidden, Activation::relu);
            NDArray gamma = mlpGamma.forward(actv);
            NDArray beta = mlpBeta.forward(actv);
            NDArray out = normalized.muli(gamma.addi(1)).addi(beta);      // normalized · (1 + γ) + β
            return scope.ret(out);                                        // actv, γ and β go with the scope
        }
    }
}
