package sadtalker.coeff;

/**
 * The parts of {@code src/config/auido2pose.yaml} the inference network reads
 * ({@code MODEL.CVAE.*}, {@code DATASET.NUM_CLASSES}).
 *
 * @param seqLen frames per CVAE window (32)
 * @param latentSize size of the noise z (64)
 * @param numClasses pose styles (46: style ids 0…45)
 * @param audioEmbIn audio embedding size (512)
 * @param audioEmbOut per-frame audio projection (6)
 * @param decoderHidden the decoder MLP's hidden width ({@code DECODER_LAYER_SIZES[0]}, 128); its
 *     output is {@code seqLen · 6}
 */
public record Audio2PoseConfig(int seqLen, int latentSize, int numClasses, int audioEmbIn, int audioEmbOut,
        int decoderHidden) {

    /** SadTalker's values. */
    public static final Audio2PoseConfig SADTALKER = new Audio2PoseConfig(32, 64, 46, 512, 6, 128);

    /** The decoder MLP's input: {@code 6 (ref) + latent + seqLen·audioEmbOut} (262), computed, not mutated. */
    public int decoderInput() {
        return 6 + latentSize + seqLen * audioEmbOut;
    }
}
