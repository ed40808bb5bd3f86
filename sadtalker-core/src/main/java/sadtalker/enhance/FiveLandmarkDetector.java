package sadtalker.enhance;

import sadtalker.image.FaceDetection;
import java.util.List;
import sadtalker.image.Image8;

/**
 * Where the enhancer's faces come from: GFPGANer calls RetinaFace
 * ({@code detect_faces(img, 0.97)}, {@code detection_Resnet50_Final.pth}) on every frame. The
 * implementation lives in the face package; the enhancer only needs its rows.
 */
@FunctionalInterface
public interface FiveLandmarkDetector {
    /**
     * @param bgr the frame, BGR
     * @return the detections above the detector's confidence threshold (0.97 in GFPGANer), in the
     *     detector's order
     */
    List<FaceDetection> detect(Image8 bgr);
}
