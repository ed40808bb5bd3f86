package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import sadtalker.checkpoint.Params;

/**
 * GFPGAN {@code stylegan2_clean_arch.py : StyleConv}:
 * {@code lrelu(modconv(x)·√2 + weight·noise + bias, 0.2)}; noise {@code (1, 1, h, w)} is added
 * after the gain and before the bias.
 */
final class StyleConv {
    private static final float SQRT2 = (float) Math.sqrt(2);

    private final ModulatedConv2d modulatedConv;
    private final NDArray weight; // (1,) noise strength
    private final NDArray bias; // (1, out, 1, 1)

    StyleConv(Params p, long in, long out, long numStyleFeat, boolean upsample) {
        this.modulatedConv = new ModulatedConv2d(p.sub("modulated_conv"), in, out, 3, numStyleFeat, true, upsample);
        this.weight = p.tensor("weight", 1);
        this.bias = p.tensor("bias", 1, out, 1, 1);
    }

    /** @param noise (1, 1, h, w) at the output resolution; the result belongs to {@code x}'s manager */
    NDArray forward(NDArray x, NDArray style, NDArray noise) {
        NDArray out = modulatedConv.forward(x, style).mul(SQRT2);
        NDArray n = noise.mul(weight);
        n.attach(out.getManager()); // noise may be a model buffer: keep the product in the call's scope
        out = out.add(n).add(bias);
        return Activation.leakyRelu(out, 0.2f);
    }

    /** Noise strength, for callers that draw noise themselves. */
    NDArray noiseWeight() {
        return weight;
    }
}
