package sadtalker.coeff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmoothingAndBlinkTest {

    @Test
    void savgol_window_5_order_2_has_the_textbook_coefficients() {
        double[] c = SavitzkyGolay.fitWeights(5, new double[] {2})[0];
        double[] expected = {-3 / 35.0, 12 / 35.0, 17 / 35.0, 12 / 35.0, -3 / 35.0};   // Savitzky & Golay 1964
        assertArrayEquals(expected, c, 1e-14);
    }

    @Test
    void savgol_keeps_a_quadratic_and_picks_the_original_window() {
        assertEquals(13, SavitzkyGolay.window(40));
        assertEquals(13, SavitzkyGolay.window(13));
        assertEquals(11, SavitzkyGolay.window(12));
        assertEquals(5, SavitzkyGolay.window(5));
        assertEquals(3, SavitzkyGolay.window(4));
        for (int t : new int[] {3, 4, 7, 12, 13, 40}) {
            float[][] pose = new float[t][6];
            for (int i = 0; i < t; i++) {
                for (int c = 0; c < 6; c++) {
                    pose[i][c] = (float) (0.01 * i * i - 0.2 * i + c);
                }
            }
            float[][] out = SavitzkyGolay.smooth(pose);
            for (int i = 0; i < t; i++) {
                assertArrayEquals(pose[i], out[i], 1e-5f, "T=" + t + " frame " + i);
            }
        }
    }

    @Test
    void savgol_leaves_one_or_two_frames_alone() {
        float[][] pose = {{1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1}};
        assertArrayEquals(pose, SavitzkyGolay.smooth(pose));
    }

    @Test
    void random_blinks_have_the_original_shape_and_spacing() {
        assertArrayEquals(new float[20], BlinkSequence.random(20, new Random(1)));
        assertArrayEquals(new float[21], BlinkSequence.random(21, new Random(1)));     // original crashes here
        for (long seed = 0; seed < 20; seed++) {
            int t = 500;
            float[] r = BlinkSequence.random(t, new Random(seed));
            int frameId = 0;
            int blinks = 0;
            for (int i = 0; i < t; i++) {
                if (r[i] == 0.5f && (i == 0 || r[i - 1] == 0)) {
                    int gap = i - frameId;
                    assertTrue(gap >= 10 && gap < 70, "gap " + gap);
                    assertArrayEquals(new float[] {0.5f, 0.9f, 1.0f, 0.9f, 0.5f}, java.util.Arrays.copyOfRange(r, i, i + 5));
                    frameId = i + 5;
                    blinks++;
                }
            }
            assertTrue(blinks >= 500 / 75, "blinks " + blinks);
            assertArrayEquals(r, BlinkSequence.random(t, new Random(seed)), "same seed, same blinks");
        }
    }

    @Test
    void deterministic_blinks_start_at_89k_minus_9() {
        float[] r = BlinkSequence.deterministic(179);
        assertEquals(0.5f, r[80]);
        assertEquals(1f, r[84]);
        assertEquals(0.5f, r[169]);
        assertEquals(0.5f, r[177]);
    }

    @Test
    void refpose_adds_the_relative_motion_of_a_tiled_reference() {
        float[][] coeffs = new float[5][70];
        float[][] ref = new float[2][73];
        ref[0][64] = 1;
        ref[1][64] = 3;
        float[][] out = RefPose.apply(coeffs, ref);
        float[] expected = {0, 2, 0, 2, 0};
        for (int t = 0; t < 5; t++) {
            assertEquals(expected[t], out[t][64]);
            assertEquals(0f, out[t][63]);
        }
    }
}
