package sadtalker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import sadtalker.coeff.LatentNoise;

/** Seeded draws are reproducible and order-independent; given draws come back as given, or are refused by name. */
class DrawsTest {
    private static final int[] SIZES = {4, 8, 8};

    @Test
    void a_seed_gives_the_same_draws_whatever_the_order_of_asking() {
        Draws a = Draws.seeded(11);
        Draws b = Draws.seeded(11);
        float[] noiseLater = b.gfpganNoise(3, 1, SIZES).get(2);
        assertArrayEquals(a.blinkRatio(120), b.blinkRatio(120));
        assertArrayEquals(a.poseLatents().next(64), b.poseLatents().next(64));
        assertArrayEquals(a.gfpganNoise(3, 1, SIZES).get(2), noiseLater);
        assertEquals(64, a.gfpganNoise(0, 0, SIZES).get(1).length);
        assertFalse(Arrays.equals(a.gfpganNoise(0, 0, SIZES).get(0), a.gfpganNoise(1, 0, SIZES).get(0)),
                "frames get their own noise");
        assertFalse(Arrays.equals(Draws.seeded(12).blinkRatio(120), a.blinkRatio(120)), "another seed, other blinks");
        float[] blink = a.blinkRatio(120);
        for (float v : blink) {
            assertEquals(true, v >= 0 && v <= 1, "blink ratio in [0, 1]: " + v);
        }
    }

    @Test
    void given_draws_come_back_as_given() {
        float[][] layers = new float[SIZES.length][];
        List<float[]> noise = new ArrayList<>();
        for (int l = 0; l < SIZES.length; l++) {
            int plane = SIZES[l] * SIZES[l];
            layers[l] = new float[2 * 3 * plane];   // 2 frames, 3 faces
            for (int i = 0; i < layers[l].length; i++) {
                layers[l][i] = l * 1000 + i;
            }
            noise.add(layers[l]);
        }
        float[] z = new float[64];
        z[5] = 2.5f;
        Draws d = Draws.builder(1).blinkRatio(new float[] {0, 0.5f}).poseLatents(List.of(z)).gfpganNoise(noise, 2, 3).build();
        assertArrayEquals(new float[] {0, 0.5f}, d.blinkRatio(2));
        LatentNoise latents = d.poseLatents();
        assertArrayEquals(z, latents.next(64));
        IllegalArgumentException more = assertThrows(IllegalArgumentException.class, () -> latents.next(64));
        assertEquals("the given pose latents do not fit: more latent draws requested than the 1 recorded", more.getMessage());
        // frame 1, face 2 of layer 1 (8x8): maps 0..5 in [T, F] order, map 5
        assertArrayEquals(Arrays.copyOfRange(layers[1], 5 * 64, 6 * 64), d.gfpganNoise(1, 2, SIZES).get(1));
        d.checkFrames(2);
        IllegalArgumentException frames = assertThrows(IllegalArgumentException.class, () -> d.checkFrames(3));
        assertEquals("the given blink ratio has 2 frames, the audio gives 3", frames.getMessage());
        IllegalArgumentException face = assertThrows(IllegalArgumentException.class, () -> d.gfpganNoise(0, 3, SIZES));
        assertEquals("the given GFPGAN noise has 2 frames of 3 faces; frame 0 face 3 was asked for", face.getMessage());
    }

    @Test
    void draws_of_the_wrong_shape_are_refused_by_name() {
        IllegalArgumentException blink = assertThrows(IllegalArgumentException.class,
                () -> Draws.builder(0).blinkRatio(new float[] {0, 1.5f}).build());
        assertEquals("blink ratio 1.5 at frame 1 is outside [0, 1]", blink.getMessage());
        IllegalArgumentException latent = assertThrows(IllegalArgumentException.class,
                () -> Draws.builder(0).poseLatents(List.of(new float[63])).build());
        assertEquals("pose latent 0 has 63 values, not 64", latent.getMessage());
        Draws shortLayer = Draws.builder(0).gfpganNoise(List.of(new float[16], new float[64], new float[60]), 1, 1).build();
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> shortLayer.gfpganNoise(0, 0, SIZES));
        assertEquals("GFPGAN noise layer 2 must hold 1x1 maps of 8x8, got 60 values", layer.getMessage());
    }
}
