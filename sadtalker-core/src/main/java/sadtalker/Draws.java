package sadtalker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import sadtalker.coeff.BlinkSequence;
import sadtalker.coeff.LatentNoise;

/**
 * Every random draw of one generation, so that a video can be reproduced exactly (a customer's
 * clip, a regression test across an upgrade) or the original's recorded draws replayed. The
 * original draws three things:
 * <ul>
 *   <li>the eye-blink ratio {@code [T, 1]} ({@code generate_blink_seq_randomly}; all zeros when
 *       T ≤ 20, where it draws nothing);
 *   <li>Audio2Pose's latents {@code [K, 1, 64]}, one {@code torch.randn(1, 64)} per pose window,
 *       in order;
 *   <li>GFPGAN's noise: per frame and restored face, one N(0, 1) map {@code (1, 1, r, r)} per
 *       StyleConv layer (15 layers, r = 4, 8, 8, 16, 16, …, 512, 512).
 * </ul>
 * Each part is either given ({@link Builder}) or drawn from the seed. {@link #seeded(long)} draws
 * all three, lazily, as the engine asks: the engine always takes its draws from a {@code Draws}
 * (the request's, or {@code seeded(options.seed())}), so given and seeded draws go the same way.
 *
 * <p>Seeded draws use {@code java.util.Random}, whose generator and Gaussian (the polar
 * Box–Muller method) are specified, so a seed gives the same video on every JVM: the blink from
 * one stream, the latents from a second, GFPGAN's maps from a generator per (frame, face), so a
 * frame's noise does not depend on how many faces earlier frames had. (Before this class the
 * engine seeded the native engine's global generator; seeded videos differ from those.)
 *
 * <p>Given draws are checked against the call: a blink ratio or GFPGAN noise for another number
 * of frames, more latents asked for than given, or a map of the wrong size fail with a message
 * naming the draw. Not thread-safe: one {@code Draws} per call (the latent stream is consumed).
 */
public final class Draws {
    private final long seed;
    private final float[] blinkRatio;
    private final List<float[]> poseLatents;
    private final List<float[]> gfpganNoise;
    private final int noiseFrames;
    private final int noiseFaces;

    private Draws(Builder b) {
        this.seed = b.seed;
        this.blinkRatio = b.blinkRatio;
        this.poseLatents = b.poseLatents;
        this.gfpganNoise = b.gfpganNoise;
        this.noiseFrames = b.noiseFrames;
        this.noiseFaces = b.noiseFaces;
    }

    /** Everything drawn from {@code seed}: what the engine uses when a request gives no draws. */
    public static Draws seeded(long seed) {
        return builder(seed).build();
    }

    /** A builder whose parts not given are drawn from {@code seed}. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** The seed of the parts not given. */
    public long seed() {
        return seed;
    }

    /**
     * Fails, naming the draw, if a given part does not fit a video of {@code frames} frames; the
     * engine calls this as soon as it knows the frame count, before any network runs.
     */
    public void checkFrames(int frames) {
        if (blinkRatio != null && blinkRatio.length != frames) {
            throw new IllegalArgumentException("the given blink ratio has " + blinkRatio.length
                    + " frames, the audio gives " + frames);
        }
        if (gfpganNoise != null && noiseFrames != frames) {
            throw new IllegalArgumentException("the given GFPGAN noise has " + noiseFrames
                    + " frames, the audio gives " + frames);
        }
    }

    /** The blink ratio of {@code frames} frames. */
    float[] blinkRatio(int frames) {
        checkFrames(frames);
        return blinkRatio != null ? blinkRatio.clone() : BlinkSequence.random(frames, stream(1));
    }

    /** Audio2Pose's latents, in order (a fresh stream each call). */
    LatentNoise poseLatents() {
        if (poseLatents == null) {
            return LatentNoise.gaussian(stream(2));
        }
        LatentNoise replay = LatentNoise.replay(poseLatents);
        return size -> {
            try {
                return replay.next(size);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("the given pose latents do not fit: " + e.getMessage(), e);
            }
        };
    }

    /** GFPGAN's maps for the {@code face}-th restored face of frame {@code frame}, one per entry of {@code sizes}. */
    List<float[]> gfpganNoise(int frame, int face, int[] sizes) {
        List<float[]> maps = new ArrayList<>(sizes.length);
        if (gfpganNoise == null) {
            // one generator per (frame, face): a frame's noise does not depend on the faces before it
            Random random = new Random(stream(3).nextLong() + 0x9E3779B97F4A7C15L * (frame * 1024L + face + 1));
            for (int r : sizes) {
                float[] m = new float[r * r];
                for (int i = 0; i < m.length; i++) {
                    m[i] = (float) random.nextGaussian();
                }
                maps.add(m);
            }
            return maps;
        }
        if (frame >= noiseFrames || face >= noiseFaces) {
            throw new IllegalArgumentException("the given GFPGAN noise has " + noiseFrames + " frames of " + noiseFaces
                    + " faces; frame " + frame + " face " + face + " was asked for");
        }
        if (sizes.length != gfpganNoise.size()) {
            throw new IllegalArgumentException("GFPGAN needs " + sizes.length + " noise layers, " + gfpganNoise.size()
                    + " were given");
        }
        for (int layer = 0; layer < sizes.length; layer++) {
            int plane = sizes[layer] * sizes[layer];
            float[] all = gfpganNoise.get(layer);
            if (all.length != (long) noiseFrames * noiseFaces * plane) {
                throw new IllegalArgumentException("GFPGAN noise layer " + layer + " must hold " + noiseFrames + "x"
                        + noiseFaces + " maps of " + sizes[layer] + "x" + sizes[layer] + ", got " + all.length + " values");
            }
            int at = (frame * noiseFaces + face) * plane;
            maps.add(Arrays.copyOfRange(all, at, at + plane));
        }
        return maps;
    }

    /** Stream {@code k} of the seed: independent generators for the blink, the latents and the noise. */
    private Random stream(int k) {
        Random root = new Random(seed);
        long s = 0;
        for (int i = 0; i < k; i++) {
            s = root.nextLong();
        }
        return new Random(s);
    }

    /** Collects given draws; {@link #build()} checks their shapes. */
    public static final class Builder {
        private final long seed;
        private float[] blinkRatio;
        private List<float[]> poseLatents;
        private List<float[]> gfpganNoise;
        private int noiseFrames;
        private int noiseFaces;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** The blink ratio, one value per frame ({@code [T, 1]}), each in [0, 1]. */
        public Builder blinkRatio(float[] ratio) {
            this.blinkRatio = Objects.requireNonNull(ratio, "blink ratio").clone();
            return this;
        }

        /** Audio2Pose's latents in draw order, 64 values each ({@code [K, 1, 64]} as rows). */
        public Builder poseLatents(List<float[]> latents) {
            List<float[]> copy = new ArrayList<>();
            for (float[] z : Objects.requireNonNull(latents, "pose latents")) {
                copy.add(z.clone());
            }
            this.poseLatents = List.copyOf(copy);
            return this;
        }

        /**
         * GFPGAN's noise, one array per StyleConv layer (15) in layer order, layer {@code i} holding
         * {@code frames × faces} maps of {@code r × r} ({@code [T, F, 1, r, r]}, row-major).
         */
        public Builder gfpganNoise(List<float[]> layers, int frames, int faces) {
            if (frames < 0 || faces < 0) {
                throw new IllegalArgumentException("GFPGAN noise needs non-negative frame and face counts, got "
                        + frames + " and " + faces);
            }
            this.gfpganNoise = List.copyOf(Objects.requireNonNull(layers, "GFPGAN noise"));
            this.noiseFrames = frames;
            this.noiseFaces = faces;
            return this;
        }

        /** The draws. @throws IllegalArgumentException naming a value of the wrong shape or range */
        public Draws build() {
            if (blinkRatio != null) {
                for (int i = 0; i < blinkRatio.length; i++) {
                    if (!(blinkRatio[i] >= 0 && blinkRatio[i] <= 1)) {
                        throw new IllegalArgumentException("blink ratio " + blinkRatio[i] + " at frame " + i
                                + " is outside [0, 1]");
                    }
                }
            }
            if (poseLatents != null) {
                for (int i = 0; i < poseLatents.size(); i++) {
                    if (poseLatents.get(i).length != 64) {
                        throw new IllegalArgumentException("pose latent " + i + " has " + poseLatents.get(i).length
                                + " values, not 64");
                    }
                }
            }
            return new Draws(this);
        }
    }
}
