package sadtalker.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks of the thin wrappers over libtorch (interpolate, batch norm, convolution) and of the
 * hand-written maths (instance norm, spectral norm) against their defining formulas, computed
 * here element by element in double precision. The stage parity cases pin them again inside
 * the networks.
 */
class OpsTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = Torch.newCpuManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void nearest_uses_floor_of_dst_times_in_over_out() {
        NDArray x = m.arange(0f, 5f).reshape(1, 1, 5);
        float[] out = Interpolate.nearest(x, 3).toFloatArray();
        float[] want = new float[3];
        for (int d = 0; d < 3; d++) {
            want[d] = (float) Math.floor(d * 5.0 / 3);
        }
        assertArrayEquals(want, out, 0f);
    }

    @Test
    void nearest_doubles_each_pixel_on_upsampling() {
        NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                Interpolate.nearest(x, 4, 4).toFloatArray(), 0f);
    }

    @Test
    void bilinear_half_pixel_sampling() {
        // align_corners=False: src = (dst + 0.5) * in/out - 0.5, clamped at 0, linear between neighbours.
        float[] in = {0, 10, 20};
        NDArray x = m.create(in, new Shape(1, 1, 1, 3));
        float[] out = Interpolate.bilinear(x, 1, 6, false).toFloatArray();
        for (int d = 0; d < 6; d++) {
            double src = Math.max(0, (d + 0.5) * 3 / 6 - 0.5);
            int i0 = (int) Math.floor(src);
            int i1 = Math.min(i0 + 1, 2);
            double want = in[i0] + (src - i0) * (in[i1] - in[i0]);
            assertEquals(want, out[d], 1e-5, "dst " + d);
        }
    }

    @Test
    void trilinear_is_separable_linear_interpolation() {
        // (1,1,2,2,2) -> (3,4,5), align_corners=False on each axis independently.
        float[] v = {1, 2, 3, 5, 7, 11, 13, 17};
        NDArray x = m.create(v, new Shape(1, 1, 2, 2, 2));
        float[] out = Interpolate.trilinear(x, 3, 4, 5, false).toFloatArray();
        long[] size = {3, 4, 5};
        int k = 0;
        for (int d = 0; d < 3; d++) {
            for (int h = 0; h < 4; h++) {
                for (int w = 0; w < 5; w++) {
                    int[] dst = {d, h, w};
                    double[] frac = new double[3];
                    int[] lo = new int[3];
                    for (int a = 0; a < 3; a++) {
                        double src = Math.max(0, (dst[a] + 0.5) * 2 / size[a] - 0.5);
                        lo[a] = Math.min((int) Math.floor(src), 1);
                        frac[a] = Math.min(src - lo[a], 1);
                    }
                    double want = 0;
                    for (int c = 0; c < 8; c++) {
                        double wgt = 1;
                        int idx = 0;
                        for (int a = 0; a < 3; a++) {
                            int bit = (c >> (2 - a)) & 1;
                            int pos = Math.min(lo[a] + bit, 1);
                            wgt *= bit == 1 ? frac[a] : 1 - frac[a];
                            idx = idx * 2 + pos;
                        }
                        want += wgt * v[idx];
                    }
                    assertEquals(want, out[k++], 1e-5, "(" + d + "," + h + "," + w + ")");
                }
            }
        }
    }

    @Test
    void instance_norm_per_sample_and_channel() {
        float[] v = {1, 2, 3, 4, 10, 20, 30, 50};
        NDArray x = m.create(v, new Shape(1, 2, 2, 2));
        float[] out = Norms.instanceNorm(x, 1e-5f).toFloatArray();
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            for (int i = 0; i < 4; i++) {
                mean += v[c * 4 + i] / 4.0;
            }
            double var = 0;
            for (int i = 0; i < 4; i++) {
                var += Math.pow(v[c * 4 + i] - mean, 2) / 4.0;   // biased
            }
            for (int i = 0; i < 4; i++) {
                assertEquals((v[c * 4 + i] - mean) / Math.sqrt(var + 1e-5), out[c * 4 + i], 1e-5);
            }
        }
    }

    @Test
    void batch_norm_uses_running_statistics() {
        NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2, 1, 1));   // batch stats would differ
        NDArray mean = m.create(new float[] {0.5f, -1f});
        NDArray var = m.create(new float[] {4f, 0.25f});
        NDArray w = m.create(new float[] {2f, 3f});
        NDArray b = m.create(new float[] {0.1f, -0.2f});
        float[] out = Norms.batchNorm(x, mean, var, w, b, 1e-5f).toFloatArray();
        float[] xs = {1, 2, 3, 4};
        for (int i = 0; i < 4; i++) {
            int c = i % 2;
            double want = (xs[i] - mean.getFloat(c)) / Math.sqrt(var.getFloat(c) + 1e-5) * w.getFloat(c) + b.getFloat(c);
            assertEquals(want, out[i], 1e-5, "element " + i);
        }
    }

    @Test
    void spectral_norm_divides_by_u_dot_wv() {
        float[] w = {1, 2, 3, 4, 5, 6};                 // (2, 3)
        float[] u = {0.6f, 0.8f};
        float[] v = {1, 0, -1};
        NDArray out = SpectralNorm.weight(m.create(w, new Shape(2, 3, 1, 1)), m.create(u), m.create(v));
        double sigma = u[0] * (w[0] * v[0] + w[1] * v[1] + w[2] * v[2]) + u[1] * (w[3] * v[0] + w[4] * v[1] + w[5] * v[2]);
        float[] got = out.toFloatArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i] / sigma, got[i], 1e-6);
        }
        assertEquals(new Shape(2, 3, 1, 1), out.getShape());
    }

    @Test
    void conv_matches_a_direct_sum() {
        NDArray x = m.arange(0f, 16f).reshape(1, 1, 4, 4);
        float[] k = {1, 0, -1, 2, 0, -2, 1, 0, -1};
        Conv conv = new Conv(m.create(k, new Shape(1, 1, 3, 3)), m.create(new float[] {0.5f}),
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
        float[] out = conv.forward(x).toFloatArray();
        for (int y = 0; y < 4; y++) {
            for (int xx = 0; xx < 4; xx++) {
                double s = 0.5;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xc = xx + dx;
                        if (yy >= 0 && yy < 4 && xc >= 0 && xc < 4) {
                            s += (yy * 4 + xc) * k[(dy + 1) * 3 + dx + 1];
                        }
                    }
                }
                assertEquals(s, out[y * 4 + xx], 1e-4, "(" + y + "," + xx + ")");
            }
        }
    }

    @Test
    void coordinate_grid_2d_orders_x_then_y() {
        float[] g = CoordinateGrid.make(m, 2, 3).toFloatArray();   // (2, 3, 2)
        assertArrayEquals(new float[] {-1, -1, 0, -1, 1, -1, -1, 1, 0, 1, 1, 1}, g, 0f);
    }
}
