package sadtalker.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 5-D path is pinned by the {@code facerender.grid_sample} parity cases; these tests tie the
 * 4-D path to it and check the properties the parity cases rely on.
 */
class GridSampleTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = Torch.newCpuManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private NDArray random(Random r, long... shape) {
        float[] v = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2.6f - 1.3f;
        }
        return m.create(v, new Shape(shape));
    }

    @Test
    void four_d_equals_five_d_on_a_single_depth_slice() {
        Random r = new Random(7);
        NDArray input = random(r, 2, 3, 5, 6);
        NDArray grid = random(r, 2, 4, 7, 2);
        NDArray out4 = GridSample.gridSample(input, grid);
        // A depth-1 volume sampled at z = 0 lands exactly on the slice (iz = 0, weight 1).
        NDArray grid3 = grid.concat(m.zeros(new Shape(2, 4, 7, 1)), 3).expandDims(1);
        NDArray out5 = GridSample.gridSample(input.expandDims(2), grid3);
        assertEquals(new Shape(2, 3, 4, 7), out4.getShape());
        assertArrayEquals(out5.squeeze(2).toFloatArray(), out4.toFloatArray(), 0f);
    }

    @Test
    void identity_grid_reproduces_the_input() {
        // Voxel centres (2i + 1)/S - 1 are the align_corners=False identity.
        long h = 4;
        long w = 5;
        float[] g = new float[(int) (h * w * 2)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g[(int) ((y * w + x) * 2)] = (2f * x + 1) / w - 1;
                g[(int) ((y * w + x) * 2 + 1)] = (2f * y + 1) / h - 1;
            }
        }
        NDArray input = random(new Random(3), 1, 2, h, w);
        NDArray out = GridSample.gridSample(input, m.create(g, new Shape(1, h, w, 2)));
        assertArrayEquals(input.toFloatArray(), out.toFloatArray(), 1e-6f);
    }

    @Test
    void far_outside_is_zero() {
        NDArray input = m.ones(new Shape(1, 1, 3, 3));
        NDArray grid = m.create(new float[] {5f, 5f, -5f, 0f}, new Shape(1, 1, 2, 2));
        assertArrayEquals(new float[] {0f, 0f}, GridSample.gridSample(input, grid).toFloatArray(), 0f);
    }

    @Test
    void result_belongs_to_the_input_manager_and_inputs_survive() {
        try (NDManager caller = m.newSubManager()) {
            NDArray input = caller.ones(new Shape(1, 1, 2, 2));
            NDArray grid = caller.zeros(new Shape(1, 1, 1, 2));
            NDArray out = GridSample.gridSample(input, grid);
            assertEquals(caller, out.getManager());
            assertEquals(caller, input.getManager());
            assertEquals(1f, out.getFloat(0, 0, 0, 0), 1e-6f);
        }
    }

    @Test
    void mismatched_ranks_are_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GridSample.gridSample(m.ones(new Shape(1, 1, 2, 2)), m.ones(new Shape(1, 1, 1, 1, 3))));
    }
}
