package sadtalker.nn;

import ai.djl.ndarray.NDArray;

/**
 * The weight {@code torch.nn.utils.spectral_norm} uses in eval mode:
 * {@code weight_orig / σ} with {@code σ = dot(weight_u, weight_orig.reshape(out, -1) · weight_v)},
 * from the stored vectors, without a power iteration (eval mode never updates u and v). Computed
 * once at load time.
 */
public final class SpectralNorm {
    private SpectralNorm() {}

    /**
     * @param weightOrig {@code (out, ...)} the stored {@code weight_orig}
     * @param u {@code (out)} the stored {@code weight_u}
     * @param v {@code (in·k...)} the stored {@code weight_v}
     * @return the normalised weight, shaped like {@code weightOrig}, owned by its manager
     */
    public static NDArray weight(NDArray weightOrig, NDArray u, NDArray v) {
        long out = weightOrig.getShape().get(0);
        NDArray matrix = weightOrig.reshape(out, -1);
        NDArray wv = matrix.matMul(v.reshape(-1, 1)).reshape(out);
        NDArray sigma = u.dot(wv);
        NDArray result = weightOrig.div(sigma);
        matrix.close();
        wv.close();
        sigma.close();
        return result;
    }
}
