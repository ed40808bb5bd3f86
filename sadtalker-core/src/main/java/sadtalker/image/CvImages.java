package sadtalker.image;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies between {@link Image8} / Java arrays and OpenCV {@link Mat}s (JavaCV). OpenCV is used for
 * every fixed-point image op of the original (resize, warpAffine, seamlessClone, …) because a
 * float re-implementation flips roundings.
 */
public final class CvImages {
    private CvImages() {}

    /** A new CV_8UC3 Mat holding a copy of {@code image} (channel order unchanged). */
    public static Mat toMat(Image8 image) {
        Mat m = new Mat(image.height(), image.width(), CV_8UC3);
        m.data().put(image.pixels());
        return m;
    }

    /** A copy of a CV_8UC3 Mat (continuous or not). */
    public static Image8 fromMat(Mat m) {
        if (m.type() != CV_8UC3) {
            throw new IllegalArgumentException("expected an 8-bit 3-channel Mat, got type " + m.type());
        }
        Mat c = m.isContinuous() ? m : m.clone();
        byte[] px = new byte[c.rows() * c.cols() * 3];
        c.data().get(px);
        if (c != m) {
            c.close();
        }
        return new Image8(c.rows(), c.cols(), px);
    }

    /** A 2×3 CV_64F matrix from row-major values. */
    public static Mat affine(double[] m23) {
        if (m23.length != 6) {
            throw new IllegalArgumentException("an affine matrix has 6 values, got " + m23.length);
        }
        Mat m = new Mat(2, 3, CV_64F);
        try (DoubleIndexer ix = m.createIndexer()) {
            for (int i = 0; i < 6; i++) {
                ix.put(i / 3, i % 3, m23[i]);
            }
        }
        return m;
    }

    /** The values of a 2×3 matrix (any float depth), row-major, as doubles. */
    public static double[] affineValues(Mat m) {
        if (m.rows() != 2 || m.cols() != 3) {
            throw new IllegalArgumentException("expected a 2x3 matrix, got " + m.rows() + "x" + m.cols());
        }
        Mat d = new Mat();
        m.convertTo(d, CV_64F);
        double[] v = new double[6];
        try (DoubleIndexer ix = d.createIndexer()) {
            for (int i = 0; i < 6; i++) {
                v[i] = ix.get(i / 3, i % 3);
            }
        }
        d.close();
        return v;
    }
}
