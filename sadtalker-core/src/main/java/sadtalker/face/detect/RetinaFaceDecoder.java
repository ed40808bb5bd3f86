package sadtalker.face.detect;

import sadtalker.image.FaceDetection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The post-processing of facexlib {@code RetinaFace.detect_faces} ({@code use_origin_size=True},
 * so resize = 1): decode with variances (0.1, 0.2), keep scores strictly above the threshold,
 * sort by descending score and apply torchvision's NMS (IoU without the +1 in areas). Arithmetic
 * is float32 as in the original's tensors.
 */
public final class RetinaFaceDecoder {
    /** SadTalker's detection threshold ({@code detect_faces(img, 0.97)}). */
    public static final float CONF_THRESHOLD = 0.97f;
    /** facexlib's default NMS threshold. */
    public static final float NMS_THRESHOLD = 0.4f;
    private static final float V0 = 0.1f;
    private static final float V1 = 0.2f;

    private RetinaFaceDecoder() {}

    /**
     * Decodes the flattened head outputs ({@code loc} 4·P, {@code conf} 2·P softmaxed,
     * {@code landms} 10·P) of an {@code height × width} image into detections, best first.
     */
    public static List<FaceDetection> decode(float[] loc, float[] conf, float[] landms, int height, int width,
            float confThreshold, float nmsThreshold) {
        float[] priors = PriorBox.priors(height, width);
        int p = priors.length / 4;
        if (loc.length != 4 * p || conf.length != 2 * p || landms.length != 10 * p) {
            throw new IllegalArgumentException("head outputs for " + (loc.length / 4) + " priors, but a " + height + "×"
                    + width + " image has " + p);
        }
        float w = width;
        float h = height;
        List<FaceDetection> candidates = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            float score = conf[2 * i + 1];
            if (!(score > confThreshold)) {
                continue;
            }
            float pcx = priors[4 * i];
            float pcy = priors[4 * i + 1];
            float pw = priors[4 * i + 2];
            float ph = priors[4 * i + 3];
            float cx = pcx + loc[4 * i] * V0 * pw;
            float cy = pcy + loc[4 * i + 1] * V0 * ph;
            float bw = pw * (float) Math.exp(loc[4 * i + 2] * V1);
            float bh = ph * (float) Math.exp(loc[4 * i + 3] * V1);
            float x1 = cx - bw / 2;
            float y1 = cy - bh / 2;
            float x2 = bw + x1;
            float y2 = bh + y1;
            float[] lm = new float[10];
            for (int k = 0; k < 5; k++) {
                lm[2 * k] = (pcx + landms[10 * i + 2 * k] * V0 * pw) * w;
                lm[2 * k + 1] = (pcy + landms[10 * i + 2 * k + 1] * V0 * ph) * h;
            }
            candidates.add(new FaceDetection(x1 * w, y1 * h, x2 * w, y2 * h, score, lm));
        }
        // numpy argsort()[::-1]; ties are implementation-defined in the original, stable here.
        candidates.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        return nms(candidates, nmsThreshold);
    }

    /** torchvision.ops.nms on score-sorted detections: drops any box whose IoU with a kept one exceeds the threshold. */
    static List<FaceDetection> nms(List<FaceDetection> sorted, float threshold) {
        boolean[] suppressed = new boolean[sorted.size()];
        List<FaceDetection> keep = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (suppressed[i]) {
                continue;
            }
            FaceDetection a = sorted.get(i);
            keep.add(a);
            float areaA = (a.x2() - a.x1()) * (a.y2() - a.y1());
            for (int j = i + 1; j < sorted.size(); j++) {
                if (suppressed[j]) {
                    continue;
                }
                FaceDetection b = sorted.get(j);
                float areaB = (b.x2() - b.x1()) * (b.y2() - b.y1());
                float iw = Math.max(0f, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
                float ih = Math.max(0f, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
                float inter = iw * ih;
                if (inter / (areaA + areaB - inter) > threshold) {
                    suppressed[j] = true;
                }
            }
        }
        return keep;
    }

    /** The detections as an {@code N × 15} row-major array. */
    public static float[] rows(List<FaceDetection> dets) {
        float[] out = new float[dets.size() * 15];
        for (int i = 0; i < dets.size(); i++) {
            System.arraycopy(dets.get(i).row(), 0, out, 15 * i, 15);
        }
        return out;
    }

}
