package sadtalker.coeff;

import java.util.List;
import java.util.Random;

/**
 * Where Audio2Pose's latents come from: the original calls {@code torch.randn(bs, 64)} once per
 * window, unseeded. Here the draws are injected, so a run is reproducible: {@link #gaussian}
 * draws from a seeded generator (the pipeline's edge), {@link #replay} gives recorded draws back
 * (the parity cases).
 */
@FunctionalInterface
public interface LatentNoise {

    /** The next draw of {@code size} standard normal values. */
    float[] next(int size);

    /** Standard normal draws from {@code java.util.Random(seed)} (its Gaussian is specified, so stable across JVMs). */
    static LatentNoise gaussian(long seed) {
        return gaussian(new Random(seed));
    }

    /** Standard normal draws from {@code random}. */
    static LatentNoise gaussian(Random random) {
        return size -> {
            float[] z = new float[size];
            for (int i = 0; i < size; i++) {
                z[i] = (float) random.nextGaussian();
            }
            return z;
        };
    }

    /** Replays {@code draws} in order; asking for more than recorded, or another size, fails. */
    static LatentNoise replay(List<float[]> draws) {
        var it = draws.iterator();
        return size -> {
            if (!it.hasNext()) {
                throw new IllegalStateException("more latent draws requested than the " + draws.size() + " recorded");
            }
            float[] z = it.next();
            if (z.length != size) {
                throw new IllegalStateException("recorded latent has " + z.length + " values, " + size + " requested");
            }
            return z;
        };
    }
}
