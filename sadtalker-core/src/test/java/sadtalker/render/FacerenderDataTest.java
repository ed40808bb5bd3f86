package sadtalker.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sadtalker.nn.Torch;

/** Layout rules of get_facerender_data stated in stages-facerender.md, and bad input refused by name. */
class FacerenderDataTest {
    private static NDManager m;

    @BeforeAll
    static void open() {
        m = Torch.newCpuManager();
    }

    @AfterAll
    static void close() {
        m.close();
    }

    /** coeff[t][c] = 1000·t + c, so every value says where it came from. */
    private static NDArray coeff(int frames) {
        float[] v = new float[frames * 70];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < 70; c++) {
                v[t * 70 + c] = 1000 * t + c;
            }
        }
        return m.create(v, new Shape(frames, 70));
    }

    private static NDArray firstCoeff() {
        float[] v = new float[73];
        for (int c = 0; c < 73; c++) {
            v[c] = -c - 0.5f;
        }
        return m.create(v, new Shape(1, 73));
    }

    private static NDArray image(int size) {
        return m.zeros(new Shape(size, size, 3), DataType.UINT8);
    }

    @Test
    void windows_are_clamped_padded_with_the_last_window_and_batch_major() {
        int frames = 5;
        int bs = 2;
        FacerenderData.Batch b = FacerenderData.of(coeff(frames), firstCoeff(), image(8),
                new FacerenderData.Options(bs, 1f, false, "crop", 8, null, null, null));
        assertEquals(new Shape(2, 3, 70, 27), b.targetSemantics().getShape());
        float[] t = b.targetSemantics().toFloatArray();
        for (int row = 0; row < bs; row++) {
            for (int i = 0; i < 3; i++) {
                int window = row * 3 + i;                       // batch-major
                int frame = Math.min(window, frames - 1);        // the 6th window repeats the 5th
                for (int j = 0; j < 27; j++) {
                    int source = Math.min(Math.max(frame - 13 + j, 0), frames - 1);
                    for (int c : new int[] {0, 63, 64, 69}) {
                        assertEquals(1000 * source + c, t[((window * 70) + c) * 27 + j], "window " + window);
                    }
                }
            }
        }
    }

    @Test
    void full_still_mode_takes_pose_and_crop_columns_from_the_source_and_scales_expression_only() {
        FacerenderData.Batch b = FacerenderData.of(coeff(3), firstCoeff(), image(8),
                new FacerenderData.Options(1, 2f, true, "extfull", 8, null, null, null));
        assertEquals(new Shape(1, 3, 73, 27), b.targetSemantics().getShape());
        assertEquals(new Shape(1, 73, 27), b.sourceSemantics().getShape());
        float[] t = b.targetSemantics().toFloatArray();
        int window = 2;
        int j = 0;                                               // frame 2 − 13 → clamped to 0
        assertEquals(2f * 5, t[((window * 73) + 5) * 27 + j]);
        for (int c = 64; c < 73; c++) {
            assertEquals(-c - 0.5f, t[((window * 73) + c) * 27 + j], "column " + c);
        }
    }

    @Test
    void camera_paths_spread_the_total_change_evenly() {
        // [0, 15, -10] over 11 frames: 40 degrees in 10 steps of 4
        double[] path = FacerenderData.cameraPose(new double[] {0, 15, -10}, 11);
        assertArrayEquals(new double[] {0, 4, 8, 12, 15, 11, 7, 3, -1, -5, -9}, path, 1e-9);
        assertArrayEquals(new double[] {7, 7, 7}, FacerenderData.cameraPose(new double[] {7}, 3), 0);
    }

    @Test
    void bad_input_is_refused_with_the_reason() {
        var options = new FacerenderData.Options(2, 1f, false, "crop", 8, null, null, null);
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> FacerenderData.of(coeff(4), firstCoeff(), image(16), options));
        assertTrue(e1.getMessage().contains("renderer size is 8"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> FacerenderData.cameraPose(new double[] {5, 5, 10}, 10));
        assertTrue(e2.getMessage().contains("repeats 5.0"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> FacerenderData.of(m.zeros(new Shape(4, 64)), firstCoeff(), image(8), options));
        assertTrue(e3.getMessage().contains("coeff must be"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FacerenderData.Options(0, 1f, false, "crop", 8, null, null,
                null));
    }
}
