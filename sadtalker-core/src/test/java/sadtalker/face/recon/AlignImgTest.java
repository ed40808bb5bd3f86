package sadtalker.face.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import sadtalker.image.Image8;

class AlignImgTest {
    @Test
    void least_squares_recovers_an_exact_affine_projection() {
        float[] lm3d = Lm3dStd.standard();
        // image points = 80 · (X, Y) + (120, 130): POS must give s = 80 (both rows' norm), t = (120, 130)
        float[] p5 = new float[10];
        for (int i = 0; i < 5; i++) {
            p5[2 * i] = 80 * lm3d[3 * i] + 120;
            p5[2 * i + 1] = 80 * lm3d[3 * i + 1] + 130;
        }
        double[] st = AlignImg.pos(p5, lm3d);
        assertEquals(80, st[0], 1e-3);
        assertEquals(120, st[1], 1e-3);
        assertEquals(130, st[2], 1e-3);
    }

    @Test
    void crop_outside_the_image_is_black() {
        byte[] d = new byte[4 * 4 * 3];
        java.util.Arrays.fill(d, (byte) 200);
        Image8 c = AlignImg.cropWithBlack(new Image8(4, 4, d), 3, -2, 3, 3);
        assertEquals(0, c.at(0, 0, 0));   // x = −2
        assertEquals(200, c.at(0, 2, 1)); // (0, 3)
        assertEquals(0, c.at(1, 2, 2));   // y = 4
    }
}
