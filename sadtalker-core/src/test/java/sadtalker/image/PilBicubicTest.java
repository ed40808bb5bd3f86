package sadtalker.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PilBicubicTest {
    @Test
    void same_size_is_a_copy() {
        byte[] d = new byte[5 * 7 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (i * 37);
        }
        assertArrayEquals(d, PilBicubic.resize(new Image8(7, 5, d), 7, 5).pixels());
    }

    @Test
    void a_constant_image_stays_constant_up_and_down() {
        byte[] d = new byte[40 * 30 * 3];
        Arrays.fill(d, (byte) 173);
        for (int[] size : new int[][] {{17, 11}, {83, 64}, {40, 9}}) {
            Image8 r = PilBicubic.resize(new Image8(30, 40, d), size[1], size[0]);
            assertEquals(size[0], r.width());
            for (byte b : r.pixels()) {
                assertEquals(173, b & 0xFF);
            }
        }
    }
}
