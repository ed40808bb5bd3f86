package sadtalker.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import sadtalker.checkpoint.DType;
import sadtalker.model.ModelFile;
import sadtalker.testkit.DetWeights;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.StoredTensor;

/** Which keys of the official manifests get trained values, and that the rest stays detweights. */
class TrainedValuesTest {

    @Test
    void spectral_norm_vectors_come_from_the_detweights_weight_orig() {
        Manifest m = ModelFile.SADTALKER.manifests().stream()
                .filter(x -> x.tensors().stream().anyMatch(e -> e.key().equals("generator.decoder.up_1.conv_s.weight_u")))
                .findFirst().orElseThrow();
        Manifest.Entry u = entry(m, "generator.decoder.up_1.conv_s.weight_u");
        Manifest.Entry v = entry(m, "generator.decoder.up_1.conv_s.weight_v");
        Manifest.Entry orig = entry(m, "generator.decoder.up_1.conv_s.weight_orig");
        SpectralNormVectors expected = SpectralNormVectors.of(
                DetWeights.values("decoder.up_1.conv_s.weight_orig", orig.shape(), 1), 64, 256);
        assertArrayEquals(expected.u(), TrainedValues.tensor(m, u, "decoder.up_1.conv_s.weight_u", 1).toFloatArray());
        assertArrayEquals(expected.v(), TrainedValues.tensor(m, v, "decoder.up_1.conv_s.weight_v", 1).toFloatArray());
        // weight_orig itself stays detweights
        assertArrayEquals(DetWeights.values("decoder.up_1.conv_s.weight_orig", orig.shape(), 1),
                TrainedValues.tensor(m, orig, "decoder.up_1.conv_s.weight_orig", 1).toFloatArray());
    }

    @Test
    void kp_detector_anti_alias_kernel() {
        Manifest m = manifestWith(ModelFile.SADTALKER, "kp_extractor.down.weight");
        StoredTensor t = TrainedValues.tensor(m, entry(m, "kp_extractor.down.weight"), "down.weight", 1);
        assertArrayEquals(new long[] {3, 1, 13, 13}, t.shape());
        assertArrayEquals(AntiAliasKernel.weight(3, 0.25), t.toFloatArray());
    }

    /** Noise buffers: standard normal draws, deterministic, different per layer and seed. */
    @Test
    void gfpgan_noise_is_normal_and_deterministic() {
        Manifest m = manifestWith(ModelFile.GFPGAN, "stylegan_decoder.noises.noise14");
        Manifest.Entry e = entry(m, "stylegan_decoder.noises.noise14");
        float[] a = TrainedValues.tensor(m, e, e.key(), 1).toFloatArray();
        assertArrayEquals(a, TrainedValues.tensor(m, e, e.key(), 1).toFloatArray());
        assertFalse(Arrays.equals(a, TrainedValues.tensor(m, e, e.key(), 2).toFloatArray()));
        double mean = 0;
        double sq = 0;
        int beyond3 = 0;
        for (float x : a) {
            mean += x;
            sq += (double) x * x;
            beyond3 += Math.abs(x) > 3 ? 1 : 0;
        }
        mean /= a.length;
        double var = sq / a.length - mean * mean;
        assertEquals(512 * 512, a.length);
        assertEquals(0, mean, 0.01);
        assertEquals(1, var, 0.01);
        // P(|x| > 3) = 0.27 % for a normal; a uniform of variance 1 never exceeds 1.73
        assertEquals(0.0027, beyond3 / (double) a.length, 0.0005);
    }

    @Test
    void other_keys_stay_detweights_and_integer_buffers_zero() {
        Manifest m = ModelFile.GFPGAN.manifests().get(0);
        Manifest.Entry w = m.tensors().stream().filter(e -> e.dtype() == DType.F32 && !e.key().contains("noises"))
                .findFirst().orElseThrow();
        assertArrayEquals(DetWeights.values(w.key(), w.shape(), 4), TrainedValues.tensor(m, w, w.key(), 4).toFloatArray());
        Manifest f = manifestWith(ModelFile.SADTALKER, "kp_extractor.predictor.down_blocks.down0.norm.num_batches_tracked");
        Manifest.Entry n = entry(f, "kp_extractor.predictor.down_blocks.down0.norm.num_batches_tracked");
        StoredTensor t = TrainedValues.tensor(f, n, "predictor.down_blocks.down0.norm.num_batches_tracked", 1);
        assertEquals(DType.I64, t.dtype());
        assertArrayEquals(new long[(int) t.numel()], t.toLongArray());
    }

    private static Manifest manifestWith(ModelFile f, String key) {
        return f.manifests().stream().filter(x -> x.tensors().stream().anyMatch(e -> e.key().equals(key)))
                .findFirst().orElseThrow(() -> new AssertionError(f + " has no " + key));
    }

    private static Manifest.Entry entry(Manifest m, String key) {
        return m.tensors().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }
}
