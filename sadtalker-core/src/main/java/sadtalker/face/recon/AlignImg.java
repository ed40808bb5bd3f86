package sadtalker.face.recon;

import sadtalker.image.PilBicubic;
import sadtalker.image.Image8;

/**
 * Port of SadTalker {@code src/face3d/util/preprocess.py::align_img} as {@code generate} calls it:
 * {@code extract_5p}, {@code POS} (8-unknown least squares in float64), {@code s = 102 / s},
 * {@code resize_n_crop_img} (truncating sizes and offsets toward zero, PIL BICUBIC resize, a
 * 224×224 crop with black outside).
 */
public final class AlignImg {
    public static final int TARGET_SIZE = 224;
    public static final double RESCALE_FACTOR = 102.0;

    private AlignImg() {}

    /**
     * @param image the 224 crop
     * @param transParams {@code (w0, h0, s, tx, ty)} as float32 (generate's cast)
     */
    public record Result(Image8 image, float[] transParams) {}

    /**
     * Aligns the {@code pic_size} frame. {@code lm68}: 136 floats in frame pixels, y DOWN (as
     * {@code extract_keypoint} returns them; the y flip of {@code generate} happens here).
     */
    public static Result align(Image8 frame, float[] lm68, float[] lm3d) {
        int w0 = frame.width();
        int h0 = frame.height();
        float[] lm = lm68.clone();
        for (int i = 0; i < 68; i++) {
            lm[2 * i + 1] = h0 - 1 - lm[2 * i + 1]; // float32, as generate's in-place flip
        }
        float[] p5 = extract5p(lm);
        double[] st = pos(p5, lm3d);
        double s = RESCALE_FACTOR / st[0];
        double tx = st[1];
        double ty = st[2];
        int w = (int) (w0 * s);
        int h = (int) (h0 * s);
        int left = (int) (w / 2.0 - TARGET_SIZE / 2.0 + (tx - w0 / 2.0) * s);
        int up = (int) (h / 2.0 - TARGET_SIZE / 2.0 + (h0 / 2.0 - ty) * s);
        Image8 resized = PilBicubic.resize(frame, h, w);
        Image8 crop = cropWithBlack(resized, up, left, TARGET_SIZE, TARGET_SIZE);
        return new Result(crop, new float[] {w0, h0, (float) s, (float) tx, (float) ty});
    }

    /** {@code np.array(im)/255.} (float64, then float32) in CHW order: the net_recon input values. */
    public static float[] netInput(Image8 img) {
        int hw = img.width() * img.height();
        float[] out = new float[3 * hw];
        byte[] d = img.pixels();
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < hw; i++) {
                out[k * hw + i] = (float) ((d[3 * i + k] & 0xFF) / 255.0);
            }
        }
        return out;
    }

    /** 68 → 5 points: eye means (36, 39), (42, 45), nose 30, mouth 48, 54, ordered [leye, reye, nose, ml, mr]. */
    static float[] extract5p(float[] lm) {
        float[] out = new float[10];
        for (int c = 0; c < 2; c++) {
            out[c] = (lm[2 * 36 + c] + lm[2 * 39 + c]) / 2f;
            out[2 + c] = (lm[2 * 42 + c] + lm[2 * 45 + c]) / 2f;
            out[4 + c] = lm[2 * 30 + c];
            out[6 + c] = lm[2 * 48 + c];
            out[8 + c] = lm[2 * 54 + c];
        }
        return out;
    }

    /**
     * {@code POS}: least squares of {@code [X Y Z 1 0 0 0 0; 0 0 0 0 X Y Z 1] k = (x, y)}. The x and
     * y rows share the matrix {@code [X Y Z 1]} and no unknowns, so it is two 5×4 problems, solved
     * here by Householder QR in double. Returns {@code (s, tx, ty)}, s the mean row norm.
     */
    static double[] pos(float[] p5, float[] lm3d) {
        double[][] a = new double[5][4];
        double[] bx = new double[5];
        double[] by = new double[5];
        for (int i = 0; i < 5; i++) {
            a[i][0] = lm3d[3 * i];
            a[i][1] = lm3d[3 * i + 1];
            a[i][2] = lm3d[3 * i + 2];
            a[i][3] = 1;
            bx[i] = p5[2 * i];
            by[i] = p5[2 * i + 1];
        }
        double[] kx = LeastSquares.solve(a, bx);
        double[] ky = LeastSquares.solve(a, by);
        double s = (Math.sqrt(kx[0] * kx[0] + kx[1] * kx[1] + kx[2] * kx[2])
                + Math.sqrt(ky[0] * ky[0] + ky[1] * ky[1] + ky[2] * ky[2])) / 2;
        return new double[] {s, kx[3], ky[3]};
    }

    /** PIL's {@code img.crop((left, up, left + w, up + h))}: pixels outside the image are black. */
    static Image8 cropWithBlack(Image8 img, int up, int left, int h, int w) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int sy = up + y;
            if (sy < 0 || sy >= img.height()) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int sx = left + x;
                if (sx >= 0 && sx < img.width()) {
                    System.arraycopy(img.pixels(), (sy * img.width() + sx) * 3, out, (y * w + x) * 3, 3);
                }
            }
        }
        return new Image8(h, w, out);
    }
}
