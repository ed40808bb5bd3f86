package sadtalker;

import ai.djl.ndarray.NDManager;
import java.util.List;
import sadtalker.image.FaceDetection;
import sadtalker.enhance.FiveLandmarkDetector;
import sadtalker.face.detect.RetinaFaceDetector;
import sadtalker.image.Image8;

/** The enhancer's face detectors: RetinaFace as GFPGANer runs it, or fixed geometry for synthetic-weight runs. */
final class FiveLandmarks {
    private FiveLandmarks() {}

    /**
     * RetinaFace on the frame exactly as given (GFPGANer hands it a BGR array and facexlib subtracts
     * its BGR means from it as is), threshold 0.97.
     */
    static FiveLandmarkDetector retinaFace(RetinaFaceDetector detector, NDManager manager) {
        return bgr -> {
            try (NDManager scope = manager.newSubManager()) {
                return detector.detect(bgr, false, scope);
            }
        };
    }

    /**
     * One face whose five points come from 68-point landmarks (eye centres from points 36–41 and
     * 42–47, nose tip 30, mouth corners 48 and 54), scaled from the landmarks' frame to the image.
     */
    static FiveLandmarkDetector fixed(float[] lm68, double scaleX, double scaleY) {
        float[] five = new float[10];
        point(five, 0, lm68, scaleX, scaleY, 36, 37, 38, 39, 40, 41);
        point(five, 1, lm68, scaleX, scaleY, 42, 43, 44, 45, 46, 47);
        point(five, 2, lm68, scaleX, scaleY, 30);
        point(five, 3, lm68, scaleX, scaleY, 48);
        point(five, 4, lm68, scaleX, scaleY, 54);
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < 68; i++) {
            minX = Math.min(minX, (float) (lm68[2 * i] * scaleX));
            maxX = Math.max(maxX, (float) (lm68[2 * i] * scaleX));
            minY = Math.min(minY, (float) (lm68[2 * i + 1] * scaleY));
            maxY = Math.max(maxY, (float) (lm68[2 * i + 1] * scaleY));
        }
        FaceDetection face = new FaceDetection(minX, minY, maxX, maxY, 1f, five);
        return (Image8 bgr) -> List.of(face);
    }

    private static void point(float[] out, int k, float[] lm68, double sx, double sy, int... indices) {
        double x = 0;
        double y = 0;
        for (int i : indices) {
            x += lm68[2 * i];
            y += lm68[2 * i + 1];
        }
        out[2 * k] = (float) (x / indices.length * sx);
        out[2 * k + 1] = (float) (y / indices.length * sy);
    }
}
