package sadtalker.testkit;

import java.util.Arrays;
import sadtalker.testkit.DetWeights;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;

/**
 * The values of a synthetic checkpoint that detweights cannot give because a trained checkpoint
 * derives them from others (shared/parity/README.md, end-to-end models): spectral-norm
 * {@code weight_u} / {@code weight_v} ({@link SpectralNormVectors} of the detweights
 * {@code weight_orig}), the face renderer's anti-alias kernel ({@link AntiAliasKernel}), GFPGAN's
 * noise buffers (normal draws); everything else is detweights, integer buffers zeros.
 */
public final class TrainedValues {
    /** KPDetector's {@code scale_factor} in SadTalker's src/config/facerender.yaml. */
    private static final double KP_DETECTOR_SCALE = 0.25;
    private static final String ANTI_ALIAS_KEY = "kp_extractor.down.weight";
    /** The same kernel in facevid2vid_00189-model.pth.tar, under checkpoint['kp_detector']. */
    private static final String LEGACY_ANTI_ALIAS_KEY = "kp_detector.down.weight";
    private static final String NOISE_PREFIX = "stylegan_decoder.noises.noise";

    /** One-entry memo: weight_u and weight_v of one layer come from one decomposition. */
    private static String memoKey;
    private static SpectralNormVectors memo;

    private TrainedValues() {}

    /**
     * The tensor of manifest entry {@code e} of {@code m}.
     *
     * @param own the key detweights is computed on (the module's own key, without file prefixes)
     */
    public static StoredTensor tensor(Manifest m, Manifest.Entry e, String own, long seed) {
        long[] shape = e.shape();
        if (own.endsWith(".weight_u") || own.endsWith(".weight_v")) {
            String origOwn = own.substring(0, own.length() - 1) + "orig";
            String origKey = e.key().substring(0, e.key().length() - 1) + "orig";
            long[] origShape = m.tensors().stream().filter(t -> t.key().equals(origKey)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(m.file() + ": " + e.key() + " has no " + origKey))
                    .shape();
            SpectralNormVectors sn = spectralNorm(origOwn, origShape, seed);
            return Tensors.f32(shape, own.endsWith("_u") ? sn.u() : sn.v());
        }
        if (e.key().equals(ANTI_ALIAS_KEY) || e.key().equals(LEGACY_ANTI_ALIAS_KEY)) {
            float[] k = AntiAliasKernel.weight((int) shape[0], KP_DETECTOR_SCALE);
            int size = AntiAliasKernel.size(KP_DETECTOR_SCALE);
            if (!Arrays.equals(shape, new long[] {shape[0], 1, size, size})) {
                throw new IllegalStateException(e.key() + " is " + Arrays.toString(shape) + ", not the " + size
                        + "² kernel of scale " + KP_DETECTOR_SCALE);
            }
            return Tensors.f32(shape, k);
        }
        if (own.startsWith(NOISE_PREFIX)) {
            return Tensors.f32(shape, normal(own, shape, seed));
        }
        return Tensors.lazyDetweights(own, shape, seed);
    }

    private static synchronized SpectralNormVectors spectralNorm(String origOwn, long[] origShape, long seed) {
        String key = seed + ":" + origOwn + Arrays.toString(origShape);
        if (!key.equals(memoKey)) {
            float[] w = DetWeights.values(origOwn, origShape, seed);
            int rows = Math.toIntExact(origShape[0]);
            memo = SpectralNormVectors.of(w, rows, w.length / rows);
            memoKey = key;
        }
        return memo;
    }

    /** Standard normal draws (Box–Muller on detweights' uniform stream of {@code key}): deterministic, arbitrary. */
    static float[] normal(String key, long[] shape, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] out = new float[Math.toIntExact(n)];
        for (int i = 0; i < out.length; i++) {
            double u1 = 1 - DetWeights.uniform(key, seed, 2L * i);
            double u2 = DetWeights.uniform(key, seed, 2L * i + 1);
            out[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return out;
    }
}
