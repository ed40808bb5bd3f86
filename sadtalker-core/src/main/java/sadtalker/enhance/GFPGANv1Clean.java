package sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.Linear;

/**
 * GFPGAN {@code gfpgan/archs/gfpganv1_clean_arch.py : GFPGANv1Clean} as GFPGANer builds it
 * ({@code input_is_latent=True, different_w=True}; {@code return_rgb=False}, so {@code toRGB.*}
 * is loaded by nobody). Input (1, 3, S, S) RGB in [-1, 1]; output (1, 3, S, S) RGB, unclamped.
 *
 * <p>Encoder: bilinear-resampling ResBlocks down to 4×4; {@code final_linear} on the flattened
 * 4×4 feature gives one latent per decoder layer; decoder: U-Net skips + upsampling ResBlocks
 * whose features make the SFT scale/shift of each StyleGAN2 level.
 */
public final class GFPGANv1Clean {
    private final GfpganConfig config;
    private final Conv convBodyFirst;
    private final List<ResBlock> convBodyDown = new ArrayList<>();
    private final Conv finalConv;
    private final Linear finalLinear;
    private final List<ResBlock> convBodyUp = new ArrayList<>();
    private final List<Conv[]> conditionScale = new ArrayList<>();
    private final List<Conv[]> conditionShift = new ArrayList<>();
    private final StyleGAN2GeneratorCSFT stylegan;

    /** Loads from {@code p} (the {@code params_ema} state dict, GFPGANv1Clean's own keys). */
    public GFPGANv1Clean(Params p, GfpganConfig c) {
        this.config = c;
        int log = c.logSize();
        long first = c.unetChannels(c.outSize());
        this.convBodyFirst = Conv.load(p.sub("conv_body_first"), 2, 3, first, 1, 1, 0, true);
        long in = first;
        for (int i = log; i > 2; i--) {
            long out = c.unetChannels(1 << (i - 1));
            convBodyDown.add(new ResBlock(p.sub("conv_body_down").sub(Integer.toString(log - i)), in, out, true));
            in = out;
        }
        long c4 = c.unetChannels(4);
        this.finalConv = Conv.load(p.sub("final_conv"), 2, in, c4, 3, 1, 1, true);
        long latents = (long) (log * 2 - 2) * c.numStyleFeat();
        this.finalLinear = Linear.load(p.sub("final_linear"), c4 * 16, latents, true);
        in = c4;
        for (int i = 3; i <= log; i++) {
            long out = c.unetChannels(1 << i);
            String k = Integer.toString(i - 3);
            convBodyUp.add(new ResBlock(p.sub("conv_body_up").sub(k), in, out, false));
            long sftOut = c.sftHalf() ? out : out * 2;
            conditionScale.add(condition(p.sub("condition_scale").sub(k), out, sftOut));
            conditionShift.add(condition(p.sub("condition_shift").sub(k), out, sftOut));
            in = out;
        }
        this.stylegan = new StyleGAN2GeneratorCSFT(p.sub("stylegan_decoder"), c);
    }

    private static Conv[] condition(Params p, long ch, long out) {
        return new Conv[] {Conv.load(p.sub("0"), 2, ch, ch, 3, 1, 1, true), Conv.load(p.sub("2"), 2, ch, out, 3, 1, 1, true)};
    }

    public GfpganConfig config() {
        return config;
    }

    /** Keys of the official file that inference never reads (GFPGANer's {@code return_rgb=False}, latent input). */
    public static String[] unusedKeys() {
        return new String[] {"toRGB.*", "stylegan_decoder.style_mlp.*"};
    }

    /** The stored noise buffers, for the deterministic {@code randomize_noise=False} path. */
    public List<NDArray> storedNoise() {
        return stylegan.storedNoise();
    }

    /** The side {@code r} of each StyleConv layer's noise map {@code (1, 1, r, r)}: 4, 8, 8, 16, 16, …, in layer order. */
    public int[] noiseSizes() {
        int[] sizes = new int[config.numLayers()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 << ((i + 5) / 2);
        }
        return sizes;
    }

    /** Fresh N(0, 1) noise for every StyleConv from the engine's global generator, created in {@code manager}. */
    public List<NDArray> randomNoise(NDManager manager) {
        List<NDArray> n = new ArrayList<>();
        for (int r : noiseSizes()) {
            n.add(manager.randomNormal(new Shape(1, 1, r, r)));
        }
        return n;
    }

    /**
     * @param x (1, 3, S, S) RGB in [-1, 1]
     * @param noise {@link GfpganConfig#numLayers()} maps (1, 1, r, r), e.g. {@link #randomNoise} or {@link #storedNoise}
     * @return (1, 3, S, S) RGB, unclamped; belongs to {@code x}'s manager
     */
    public NDArray forward(NDArray x, List<NDArray> noise) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(0) != 1 || s.get(1) != 3 || s.get(2) != config.outSize()
                || s.get(3) != config.outSize()) {
            throw new IllegalArgumentException("GFPGAN expects (1, 3, " + config.outSize() + ", " + config.outSize()
                    + "), got " + s);
        }
        if (noise.size() != config.numLayers()) {
            throw new IllegalArgumentException("GFPGAN needs " + config.numLayers() + " noise maps, got " + noise.size());
        }
        NDArray feat = Activation.leakyRelu(convBodyFirst.forward(x), 0.2f);
        List<NDArray> unetSkips = new ArrayList<>();
        for (ResBlock b : convBodyDown) {
            feat = b.forward(feat);
            unetSkips.add(0, feat);
        }
        feat = Activation.leakyRelu(finalConv.forward(feat), 0.2f);
        NDArray styleCode = finalLinear.forward(feat.reshape(1, -1)).reshape(1, -1, config.numStyleFeat());
        List<NDArray> conditions = new ArrayList<>();
        for (int i = 0; i < convBodyUp.size(); i++) {
            feat = feat.add(unetSkips.get(i));
            feat = convBodyUp.get(i).forward(feat);
            conditions.add(sequential(conditionScale.get(i), feat));
            conditions.add(sequential(conditionShift.get(i), feat));
        }
        return stylegan.forward(styleCode, conditions, noise);
    }

    private static NDArray sequential(Conv[] convs, NDArray x) {
        return convs[1].forward(Activation.leakyRelu(convs[0].forward(x), 0.2f));
    }
}
