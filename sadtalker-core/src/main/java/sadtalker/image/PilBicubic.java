package sadtalker.image;

/**
 * PIL's {@code Image.resize(size, Image.BICUBIC)} on an RGB image (Pillow {@code Resample.c}),
 * used by {@code resize_n_crop_img}: a separable convolution with the a = −0.5 cubic kernel whose
 * support widens by the scale when downscaling (antialiasing), coefficients normalised in double
 * and applied in 22-bit fixed point, horizontal pass first with the intermediate rounded to uint8.
 */
public final class PilBicubic {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubic() {}

    private record Coeffs(int ksize, int[] bounds, int[] k) {}

    /** Resizes {@code img} to {@code height × width} ({@code img.resize((width, height), BICUBIC)}). */
    public static Image8 resize(Image8 img, int height, int width) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize to " + width + "×" + height);
        }
        boolean needH = width != img.width();
        boolean needV = height != img.height();
        Coeffs horiz = coeffs(img.width(), width);
        Coeffs vert = coeffs(img.height(), height);
        Image8 cur = img;
        int yFirst = 0;
        if (needH) {
            yFirst = vert.bounds[0];
            int yLast = vert.bounds[2 * height - 2] + vert.bounds[2 * height - 1];
            if (!needV) {
                yFirst = 0;
                yLast = img.height();
            }
            cur = horizontal(img, yFirst, yLast - yFirst, width, horiz);
        }
        if (needV) {
            int[] shifted = vert.bounds.clone();
            for (int i = 0; i < height; i++) {
                shifted[2 * i] -= yFirst;
            }
            cur = vertical(cur, height, new Coeffs(vert.ksize, shifted, vert.k));
        }
        return cur == img ? new Image8(img.height(), img.width(), img.pixels().clone()) : cur;
    }

    private static double filter(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    private static Coeffs coeffs(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double support = SUPPORT * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2];
        int[] kk = new int[outSize * ksize];
        double[] k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterscale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                k[x] = filter((x + xmin - center + 0.5) * ss);
                ww += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? k[x] / ww : k[x];
                kk[xx * ksize + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                        : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return new Coeffs(ksize, bounds, kk);
    }

    private static Image8 horizontal(Image8 in, int yOffset, int rows, int outW, Coeffs c) {
        byte[] src = in.pixels();
        byte[] out = new byte[outW * rows * 3];
        int inW = in.width();
        for (int y = 0; y < rows; y++) {
            int rowBase = (y + yOffset) * inW * 3;
            for (int xx = 0; xx < outW; xx++) {
                int xmin = c.bounds[2 * xx];
                int xmax = c.bounds[2 * xx + 1];
                int kb = xx * c.ksize;
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < xmax; x++) {
                        ss += (src[rowBase + (x + xmin) * 3 + ch] & 0xFF) * c.k[kb + x];
                    }
                    out[(y * outW + xx) * 3 + ch] = clip8(ss);
                }
            }
        }
        return new Image8(rows, outW, out);
    }

    private static Image8 vertical(Image8 in, int outH, Coeffs c) {
        byte[] src = in.pixels();
        int w = in.width();
        byte[] out = new byte[w * outH * 3];
        for (int yy = 0; yy < outH; yy++) {
            int ymin = c.bounds[2 * yy];
            int ymax = c.bounds[2 * yy + 1];
            int kb = yy * c.ksize;
            for (int xx = 0; xx < w; xx++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < ymax; y++) {
                        ss += (src[((y + ymin) * w + xx) * 3 + ch] & 0xFF) * c.k[kb + y];
                    }
                    out[(yy * w + xx) * 3 + ch] = clip8(ss);
                }
            }
        }
        return new Image8(outH, w, out);
    }

    private static byte clip8(int in) {
        if (in >= (255 << PRECISION_BITS)) {
            return (byte) 255;
        }
        if (in <= 0) {
            return 0;
        }
        return (byte) (in >> PRECISION_BITS);
    }
}
