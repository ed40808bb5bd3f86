package sadtalker.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The U8 image comparator and the tolerance parser, on crafted arrays. */
class ImageToleranceTest {
    private static final long[] SHAPE = {1, 10, 10, 3}; // 300 values
    private static final ImageTolerance FRAMES = new ImageTolerance(6, 0.1, 0.001);

    private static byte[] gray(int level) {
        byte[] b = new byte[300];
        java.util.Arrays.fill(b, (byte) level);
        return b;
    }

    @Test
    void identical_images_pass_with_zero_everywhere() {
        ImageTolerance.Measured m = ImageTolerance.measure(gray(200), SHAPE, gray(200), SHAPE);
        assertEquals(0, m.maxAbs());
        assertEquals(0, m.meanAbs());
        assertEquals(0, m.fracOver2());
        assertTrue(new ImageTolerance(0, 0, 0).passes(m));
    }

    /** Unsigned levels: 255 vs 0 is 255 levels, not −1 vs 0. */
    @Test
    void levels_are_unsigned() {
        byte[] a = gray(0);
        a[7] = (byte) 255;
        ImageTolerance.Measured m = ImageTolerance.measure(a, SHAPE, gray(0), SHAPE);
        assertEquals(255, m.maxAbs());
        assertEquals(255 / 300.0, m.meanAbs(), 1e-12);
        assertTrue(m.where().startsWith("[0, 0, 2, 1] = 255 vs 0"), m.where());
    }

    @Test
    void fails_on_max_abs_alone() {
        byte[] a = gray(100);
        a[0] = 107; // one value 7 levels off: mean 0.023, fraction 1/300 > 0.001 too, so loosen that
        ImageTolerance.Measured m = ImageTolerance.measure(a, SHAPE, gray(100), SHAPE);
        assertEquals(7, m.maxAbs());
        assertFalse(new ImageTolerance(6, 0.1, 0.01).passes(m));
        assertTrue(new ImageTolerance(7, 0.1, 0.01).passes(m));
    }

    @Test
    void fails_on_mean_abs_alone() {
        byte[] a = gray(100);
        for (int i = 0; i < 40; i++) {
            a[i] = 102; // 40 values 2 levels off: max 2, none over 2, mean 80/300 = 0.267
        }
        ImageTolerance.Measured m = ImageTolerance.measure(a, SHAPE, gray(100), SHAPE);
        assertEquals(2, m.maxAbs());
        assertEquals(0, m.fracOver2());
        assertEquals(80 / 300.0, m.meanAbs(), 1e-12);
        assertFalse(FRAMES.passes(m));
        assertTrue(new ImageTolerance(6, 0.27, 0.001).passes(m));
    }

    @Test
    void fails_on_frac_over_2_alone() {
        byte[] a = gray(100);
        a[0] = 97; // 3 below: "more than 2 levels off", both directions count
        a[1] = 103;
        ImageTolerance.Measured m = ImageTolerance.measure(a, SHAPE, gray(100), SHAPE);
        assertEquals(3, m.maxAbs());
        assertEquals(2 / 300.0, m.fracOver2(), 1e-12);
        assertEquals(6 / 300.0, m.meanAbs(), 1e-12);
        assertFalse(FRAMES.passes(m)); // 0.0067 > 0.001, though max 3 ≤ 6 and mean 0.02 ≤ 0.1
        assertTrue(new ImageTolerance(6, 0.1, 0.007).passes(m));
        // exactly 2 levels off is not "over 2"
        a[0] = 98;
        a[1] = 102;
        assertEquals(0, ImageTolerance.measure(a, SHAPE, gray(100), SHAPE).fracOver2());
    }

    @Test
    void a_shape_mismatch_fails_whatever_the_bounds() {
        ImageTolerance.Measured m = ImageTolerance.measure(gray(1), new long[] {1, 10, 30, 1}, gray(1), SHAPE);
        assertFalse(new ImageTolerance(255, 255, 1).passes(m));
        assertTrue(new ImageTolerance(255, 255, 1).describe(m).contains("shape"), m.where());
    }

    /** {@code crop_frame}'s tolerance has no frac_over_2: max_abs alone bounds the outliers. */
    @Test
    void frac_over_2_may_be_absent() throws Exception {
        OutputTolerance t = OutputTolerance.parse("crop_frame",
                new ObjectMapper().readTree("{\"max_abs\": 0, \"mean_abs\": 0.0}"));
        ImageTolerance it = assertInstanceOf(ImageTolerance.class, t);
        assertTrue(Double.isNaN(it.fracOver2()));
        byte[] a = gray(9);
        assertTrue(it.passes(ImageTolerance.measure(a, SHAPE, gray(9), SHAPE)));
        a[299] = 10;
        assertFalse(it.passes(ImageTolerance.measure(a, SHAPE, gray(9), SHAPE)));
    }

    @Test
    void parses_every_kind_and_rejects_the_rest() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(new OutputTolerance.Floats(1e-4, 0), OutputTolerance.parse("x", json.readTree("{\"atol\": 0.0001, \"rtol\": 0.0}")));
        assertEquals(new OutputTolerance.Floats(1e-3, 0), OutputTolerance.parse("x", json.readTree("{\"atol\": 0.001}")));
        assertEquals(new OutputTolerance.Exact(), OutputTolerance.parse("x", json.readTree("{\"exact\": true}")));
        assertEquals(new ImageTolerance(3, 0.1, 0), OutputTolerance.parse("x",
                json.readTree("{\"frac_over_2\": 0.0, \"max_abs\": 3, \"mean_abs\": 0.1}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputTolerance.parse("frames", json.readTree("{\"psnr\": 40}")));
        assertTrue(e.getMessage().contains("frames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputTolerance.parse("x", json.readTree("{\"exact\": false}")));
        assertThrows(IllegalArgumentException.class, () -> OutputTolerance.parse("x", json.readTree("{\"max_abs\": -1, \"mean_abs\": 0}")));
        assertThrows(IllegalArgumentException.class, () -> OutputTolerance.parse("x", json.readTree("{\"max_abs\": 2}")));
        assertThrows(IllegalArgumentException.class, () -> OutputTolerance.parse("x", null));
    }
}
