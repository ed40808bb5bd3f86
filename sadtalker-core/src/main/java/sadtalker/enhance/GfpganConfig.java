package sadtalker.enhance;

/**
 * Constructor arguments of GFPGAN {@code gfpganv1_clean_arch.py : GFPGANv1Clean} that inference
 * depends on. GFPGANer uses {@link #GFPGAN_V14}; the parity cases use reduced sizes of the same code.
 */
public record GfpganConfig(int outSize, int numStyleFeat, int channelMultiplier, double narrow, boolean sftHalf) {
    /** {@code GFPGANer(arch='clean', channel_multiplier=2)} as {@code GFPGANv1.4.pth} was trained. */
    public static final GfpganConfig GFPGAN_V14 = new GfpganConfig(512, 512, 2, 1, true);

    public GfpganConfig {
        if (outSize < 8 || Integer.bitCount(outSize) != 1) {
            throw new IllegalArgumentException("out_size must be a power of two >= 8, got " + outSize);
        }
        if (numStyleFeat <= 0 || channelMultiplier <= 0 || !(narrow > 0)) {
            throw new IllegalArgumentException("num_style_feat, channel_multiplier and narrow must be positive");
        }
    }

    /** {@code log2(out_size)}. */
    public int logSize() {
        return Integer.numberOfTrailingZeros(outSize);
    }

    /** Number of StyleConv layers (= noise maps): {@code (log_size − 2)·2 + 1}. */
    public int numLayers() {
        return (logSize() - 2) * 2 + 1;
    }

    /** U-Net channels at resolution {@code res} ({@code unet_narrow = narrow·0.5}). */
    public int unetChannels(int res) {
        return channels(res, narrow * 0.5);
    }

    /** StyleGAN decoder channels at resolution {@code res}. */
    public int decoderChannels(int res) {
        return channels(res, narrow);
    }

    private int channels(int res, double n) {
        // Same products, in the same order, as the Python dict (int() truncates).
        return switch (res) {
            case 4, 8, 16, 32 -> (int) (512 * n);
            case 64 -> (int) (256 * channelMultiplier * n);
            case 128 -> (int) (128 * channelMultiplier * n);
            case 256 -> (int) (64 * channelMultiplier * n);
            case 512 -> (int) (32 * channelMultiplier * n);
            case 1024 -> (int) (16 * channelMultiplier * n);
            default -> throw new IllegalArgumentException("no channel count for resolution " + res);
        };
    }
}
