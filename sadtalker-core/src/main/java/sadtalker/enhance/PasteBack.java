package sadtalker.enhance;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LANCZOS4;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.invertAffineTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import sadtalker.image.CvImages;
import sadtalker.image.Image8;

/**
 * facexlib {@code face_restoration_helper.py : get_inverse_affine} and
 * {@code paste_faces_to_input_image} (no background upsampler): the restored 512×512 faces are
 * warped back into the input picture upscaled by {@code upscale} (LANCZOS4) and blended with a
 * soft mask, from the face-parsing classes ({@code use_parse}, what GFPGANer does) or from the
 * eroded square. All images BGR. The blend accumulates in float64 (float32 on the square path)
 * and truncates to uint8 at the end, as the original's {@code astype(uint8)}.
 */
public final class PasteBack {
    /** Parsing classes pasted (255) or not (0): background, neck, cloth, hair, hat are left out. */
    private static final int[] MASK_COLORMAP = {0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        0, 255, 0, 0, 0};

    private PasteBack() {}

    /**
     * One face to paste.
     *
     * @param restored restored face, 512×512 BGR
     * @param affine forward alignment matrix (from {@link FaceAlign#estimateAffine}), row-major 2×3
     * @param parseClasses 512×512 ParseNet argmax classes (0…18), or null for the square mask
     */
    public record Face(Image8 restored, double[] affine, byte[] parseClasses) {}

    /**
     * What one face contributed: the inverse matrix after the offset, the soft mask
     * ({@code h·u × w·u}) and the face warped back into the upscaled frame.
     */
    public record Pasted(double[] inverseAffine, double[] softMask, Image8 invRestored) {}

    /**
     * {@code invertAffineTransform(affine)·upscale}, then translation {@code += 0.5·upscale} when
     * upscale > 1 (facexlib's "more precise back alignment").
     */
    public static double[] inverseAffine(double[] affine, int upscale) {
        double[] inv;
        try (Mat a = CvImages.affine(affine); Mat i = new Mat()) {
            invertAffineTransform(a, i);
            inv = CvImages.affineValues(i);
        }
        double extra = upscale > 1 ? 0.5 * upscale : 0;
        for (int k = 0; k < 6; k++) {
            inv[k] *= upscale;
        }
        inv[2] += extra;
        inv[5] += extra;
        return inv;
    }

    /** Pastes every face in order into {@code input} upscaled by {@code upscale}; returns the BGR result. */
    public static Image8 paste(Image8 input, List<Face> faces, int upscale) {
        return paste(input, faces, upscale, null);
    }

    /** As {@link #paste(Image8, List, int)}, adding each face's {@link Pasted} to {@code trace}. */
    public static Image8 paste(Image8 input, List<Face> faces, int upscale, List<Pasted> trace) {
        if (upscale < 1) {
            throw new IllegalArgumentException("upscale must be >= 1, got " + upscale);
        }
        int hUp = input.height() * upscale;
        int wUp = input.width() * upscale;
        double[] acc = new double[hUp * wUp * 3];
        try (Mat src = CvImages.toMat(input); Mat bg = new Mat()) {
            resize(src, bg, new Size(wUp, hUp), 0, 0, INTER_LANCZOS4);
            byte[] px = CvImages.fromMat(bg).pixels();
            for (int i = 0; i < px.length; i++) {
                acc[i] = px[i] & 0xFF;
            }
        }
        for (Face f : faces) {
            Pasted p = pasteOne(acc, f, upscale, hUp, wUp);
            if (trace != null) {
                trace.add(p);
            }
        }
        byte[] out = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, (int) acc[i])); // astype(uint8): truncation
        }
        return new Image8(hUp, wUp, out);
    }

    private static Pasted pasteOne(double[] acc, Face f, int upscale, int hUp, int wUp) {
        Image8 face = f.restored();
        if (face.height() != FaceAlign.FACE_SIZE || face.width() != FaceAlign.FACE_SIZE) {
            throw new IllegalArgumentException("restored face must be 512x512, got " + face.width() + "x" + face.height());
        }
        double[] inv = inverseAffine(f.affine(), upscale);
        Size size = new Size(wUp, hUp);
        Image8 invRestored;
        try (Mat m = CvImages.affine(inv); Mat fm = CvImages.toMat(face); Mat warped = new Mat()) {
            warpAffine(fm, warped, m, size);
            invRestored = CvImages.fromMat(warped);
            byte[] fp = invRestored.pixels();
            int n = hUp * wUp;
            if (f.parseClasses() != null) {
                double[] soft = parseMask(f.parseClasses(), m, size);
                for (int i = 0; i < n; i++) {
                    double s = soft[i];
                    for (int c = 0; c < 3; c++) {
                        int k = i * 3 + c;
                        acc[k] = s * (fp[k] & 0xFF) + (1 - s) * acc[k];
                    }
                }
                return new Pasted(inv, soft, invRestored);
            }
            float[] erosion = new float[n];
            float[] soft = squareMask(m, size, upscale, erosion);
            double[] softD = new double[n];
            for (int i = 0; i < n; i++) {
                float s = soft[i];
                softD[i] = s;
                for (int c = 0; c < 3; c++) {
                    int k = i * 3 + c;
                    float pasted = erosion[i] * (fp[k] & 0xFF);
                    acc[k] = s * pasted + (1f - s) * (float) acc[k];
                }
            }
            return new Pasted(inv, softD, invRestored);
        }
    }

    /** Colormap → two 101×101 σ=11 blurs (float64) → 10 px frame zeroed → /255 → warp (flags 3 = linear). */
    private static double[] parseMask(byte[] classes, Mat inv, Size size) {
        int s = FaceAlign.FACE_SIZE;
        if (classes.length != s * s) {
            throw new IllegalArgumentException("parse classes must be 512x512, got " + classes.length + " values");
        }
        double[] mask = new double[s * s];
        for (int i = 0; i < mask.length; i++) {
            int c = classes[i] & 0xFF;
            if (c >= MASK_COLORMAP.length) {
                throw new IllegalArgumentException("parse class " + c + " is not one of ParseNet's 19 classes");
            }
            mask[i] = MASK_COLORMAP[c];
        }
        try (Mat m = new Mat(s, s, CV_64F); Mat b1 = new Mat(); Mat b2 = new Mat(); Mat warped = new Mat()) {
            new DoublePointer(m.data()).put(mask);
            GaussianBlur(m, b1, new Size(101, 101), 11);
            GaussianBlur(b1, b2, new Size(101, 101), 11);
            double[] blurred = new double[s * s];
            new DoublePointer(b2.data()).get(blurred);
            int thres = 10;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    boolean edge = y < thres || y >= s - thres || x < thres || x >= s - thres;
                    blurred[y * s + x] = edge ? 0 : blurred[y * s + x] / 255.;
                }
            }
            try (Mat frame = new Mat(s, s, CV_64F)) {
                new DoublePointer(frame.data()).put(blurred);
                warpAffine(frame, warped, inv, size, 3, 0, new Scalar());
            }
            double[] out = new double[(int) (size.width() * (long) size.height())];
            Mat c = warped.isContinuous() ? warped : warped.clone();
            new DoublePointer(c.data()).get(out);
            return out;
        }
    }

    /** The square path: warp of ones, even 2u erosion, area-dependent erosion and Gaussian blur. */
    private static float[] squareMask(Mat inv, Size size, int upscale, float[] erosionOut) {
        int s = FaceAlign.FACE_SIZE;
        int n = erosionOut.length;
        try (Mat ones = new Mat(s, s, CV_32F, new Scalar(1.0)); Mat invMask = new Mat(); Mat erosion = new Mat();
                Mat k1 = new Mat(2 * upscale, 2 * upscale, CV_8U, new Scalar(1.0))) {
            warpAffine(ones, invMask, inv, size);
            erode(invMask, erosion, k1);
            new FloatPointer(erosion.data()).get(erosionOut);
            float total = pairwiseSum(erosionOut, 0, n);
            int wEdge = (int) Math.sqrt(total) / 20;
            int radius = wEdge * 2;
            try (Mat center = new Mat(); Mat soft = new Mat();
                    Mat k2 = radius > 0 ? new Mat(radius, radius, CV_8U, new Scalar(1.0)) : new Mat()) {
                erode(erosion, center, k2);
                GaussianBlur(center, soft, new Size(radius + 1, radius + 1), 0);
                float[] out = new float[n];
                new FloatPointer(soft.data()).get(out);
                return out;
            }
        }
    }

    /**
     * Float32 pairwise summation as numpy does it (8 accumulators below 128 elements); numpy may chunk
     * a large array differently, which only matters if int(sqrt(sum)) // 20 sits on a boundary.
     */
    static float pairwiseSum(float[] a, int from, int n) {
        if (n < 8) {
            float r = 0;
            for (int i = 0; i < n; i++) {
                r += a[from + i];
            }
            return r;
        }
        if (n <= 128) {
            float[] r = new float[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = (n / 2) - ((n / 2) % 8);
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
}
