package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;

/**
 * GFPGAN {@code gfpganv1_clean_arch.py : StyleGAN2GeneratorCSFT} (with the layers of
 * {@code stylegan2_clean_arch.py : StyleGAN2GeneratorClean}) as GFPGANv1Clean drives it:
 * {@code input_is_latent=True} (the style MLP is never run), one latent per layer, SFT from the
 * U-Net conditions after the first StyleConv of each level.
 */
final class StyleGAN2GeneratorCSFT {
    private final GfpganConfig config;
    private final NDArray constantInput; // (1, C4, 4, 4)
    private final StyleConv styleConv1;
    private final ToRGB toRgb1;
    private final List<StyleConv> styleConvs = new ArrayList<>();
    private final List<ToRGB> toRgbs = new ArrayList<>();
    private final List<NDArray> noises = new ArrayList<>();

    StyleGAN2GeneratorCSFT(Params p, GfpganConfig c) {
        this.config = c;
        long nsf = c.numStyleFeat();
        long c4 = c.decoderChannels(4);
        this.constantInput = p.sub("constant_input").tensor("weight", 1, c4, 4, 4);
        this.styleConv1 = new StyleConv(p.sub("style_conv1"), c4, c4, nsf, false);
        this.toRgb1 = new ToRGB(p.sub("to_rgb1"), c4, nsf, false);
        for (int i = 0; i < c.numLayers(); i++) {
            int r = 1 << ((i + 5) / 2);
            noises.add(p.sub("noises").tensor("noise" + i, 1, 1, r, r));
        }
        long in = c4;
        Params convs = p.sub("style_convs");
        Params rgbs = p.sub("to_rgbs");
        for (int level = 3; level <= c.logSize(); level++) {
            long out = c.decoderChannels(1 << level);
            int k = level - 3;
            styleConvs.add(new StyleConv(convs.sub(Integer.toString(2 * k)), in, out, nsf, true));
            styleConvs.add(new StyleConv(convs.sub(Integer.toString(2 * k + 1)), out, out, nsf, false));
            toRgbs.add(new ToRGB(rgbs.sub(Integer.toString(k)), out, nsf, true));
            in = out;
        }
    }

    /** The stored {@code noises.noise<i>} buffers ({@code randomize_noise=False}). */
    List<NDArray> storedNoise() {
        return noises;
    }

    /**
     * @param latent (1, num_latent, num_style_feat)
     * @param conditions scale, shift per level (2·(log_size − 2) maps)
     * @param noise one (1, 1, r, r) map per layer
     * @return RGB image (1, 3, out, out), unclamped
     */
    NDArray forward(NDArray latent, List<NDArray> conditions, List<NDArray> noise) {
        NDArray out = constantInput.duplicate();
        out.attach(latent.getManager());
        out = styleConv1.forward(out, style(latent, 0), noise.get(0));
        NDArray skip = toRgb1.forward(out, style(latent, 1), null);
        int i = 1;
        for (int k = 0; k < toRgbs.size(); k++, i += 2) {
            out = styleConvs.get(2 * k).forward(out, style(latent, i), noise.get(i));
            if (i < conditions.size()) {
                NDArray scale = conditions.get(i - 1);
                NDArray shift = conditions.get(i);
                if (config.sftHalf()) { // SFT on the second half of the channels only
                    long half = out.getShape().get(1) / 2;
                    NDArray same = out.get(new NDIndex(":, :{}", half));
                    NDArray sft = out.get(new NDIndex(":, {}:", half)).mul(scale).add(shift);
                    out = NDArrays.concat(new NDList(same, sft), 1);
                } else {
                    out = out.mul(scale).add(shift);
                }
            }
            out = styleConvs.get(2 * k + 1).forward(out, style(latent, i + 1), noise.get(i + 1));
            skip = toRgbs.get(k).forward(out, style(latent, i + 2), skip);
        }
        return skip;
    }

    private static NDArray style(NDArray latent, int layer) {
        return latent.get(new NDIndex(":, {}, :", layer));
    }
}
