package sadtalker.enhance;

import static org.bytedeco.opencv.global.opencv_calib3d.LMEDS;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import sadtalker.image.CvImages;
import sadtalker.image.Image8;

/**
 * facexlib {@code face_restoration_helper.py : FaceRestoreHelper.align_warp_face} as GFPGANer
 * configures it (face_size 512, crop_ratio (1, 1), no 3-point template, no pad_blur): a 4-DOF
 * similarity from the 5 landmarks to the FFHQ template by OpenCV's LMEDS
 * {@code estimateAffinePartial2D}, then a bilinear warp to 512×512 with a grey (BGR 135, 133, 132)
 * border.
 */
public final class FaceAlign {
    /** The FFHQ 5-point template at 512 px: eyes, nose, mouth corners (x, y). */
    static final float[][] TEMPLATE_512 = {
        {192.98138f, 239.94708f}, {318.90277f, 240.1936f}, {256.63416f, 314.01935f},
        {201.26117f, 371.41043f}, {313.08905f, 371.15118f}};

    public static final int FACE_SIZE = 512;

    private FaceAlign() {}

    /**
     * {@code cv2.estimateAffinePartial2D(landmarks, template, method=LMEDS)[0]}, row-major 2×3 in
     * float64 (OpenCV converts both point sets to float32 first, as here).
     *
     * @param landmarks5 5 points (x, y) in RetinaFace order, {@code [x0, y0, …, x4, y4]}
     */
    public static double[] estimateAffine(float[] landmarks5) {
        if (landmarks5.length != 10) {
            throw new IllegalArgumentException("5 landmarks need 10 values, got " + landmarks5.length);
        }
        for (float v : landmarks5) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("landmark coordinate " + v + " is not finite");
            }
        }
        try (Mat from = points(landmarks5); Mat to = points(flatTemplate()); Mat inliers = new Mat()) {
            Mat a = estimateAffinePartial2D(from, to, inliers, LMEDS, 3, 2000, 0.99, 10);
            if (a == null || a.empty()) {
                throw new IllegalArgumentException("no similarity transform fits the landmarks (degenerate points)");
            }
            double[] v = CvImages.affineValues(a);
            a.close();
            return v;
        }
    }

    /** {@code cv2.warpAffine(image, affine, (512, 512), INTER_LINEAR, BORDER_CONSTANT, (135, 133, 132))}; BGR. */
    public static Image8 warp(Image8 bgr, double[] affine) {
        try (Mat src = CvImages.toMat(bgr); Mat m = CvImages.affine(affine); Mat dst = new Mat()) {
            warpAffine(src, dst, m, new Size(FACE_SIZE, FACE_SIZE), INTER_LINEAR, BORDER_CONSTANT,
                    new Scalar(135, 133, 132, 0));
            return CvImages.fromMat(dst);
        }
    }

    private static float[] flatTemplate() {
        float[] t = new float[10];
        for (int i = 0; i < 5; i++) {
            t[2 * i] = TEMPLATE_512[i][0];
            t[2 * i + 1] = TEMPLATE_512[i][1];
        }
        return t;
    }

    private static Mat points(float[] xy) {
        Mat m = new Mat(xy.length / 2, 1, CV_32FC2);
        try (FloatIndexer ix = m.createIndexer()) {
            for (int i = 0; i < xy.length / 2; i++) {
                ix.put(i, 0, 0, xy[2 * i]);
                ix.put(i, 0, 1, xy[2 * i + 1]);
            }
        }
        return m;
    }
}
