package sadtalker.face.detect;

import sadtalker.image.FaceDetection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetinaFaceDecoderTest {
    @Test
    void prior_count_uses_ceil_per_level() {
        // stages-face.md: 72 × 100 (W × H) → maps 13×9, 7×5, 4×3 → P = 2 · (117 + 35 + 12) = 328
        assertEquals(328, PriorBox.count(100, 72));
        assertEquals(328 * 4, PriorBox.priors(100, 72).length);
        assertEquals(1050, PriorBox.count(160, 160));
    }

    @Test
    void first_prior_is_the_first_cell_centre_with_the_smallest_size() {
        float[] p = PriorBox.priors(100, 72);
        assertEquals((float) (0.5 * 8 / 72), p[0]);
        assertEquals((float) (0.5 * 8 / 100), p[1]);
        assertEquals((float) (16.0 / 72), p[2]);
        assertEquals((float) (32.0 / 72), p[6]);
    }

    @Test
    void nms_drops_only_boxes_overlapping_a_better_one_beyond_the_threshold() {
        FaceDetection best = box(0, 0, 10, 10, 0.99f);
        FaceDetection heavy = box(1, 0, 11, 10, 0.98f);   // IoU 90 / 110 = 0.82 → dropped
        FaceDetection light = box(6, 0, 16, 10, 0.975f);  // IoU 40 / 160 = 0.25 → kept
        List<FaceDetection> kept = RetinaFaceDecoder.nms(List.of(best, heavy, light), 0.4f);
        assertEquals(2, kept.size());
        assertSame(best, kept.get(0));
        assertSame(light, kept.get(1));
    }

    @Test
    void zero_regression_decodes_to_the_prior_box_and_scores_must_exceed_the_threshold() {
        int h = 32;
        int w = 32;
        int p = PriorBox.count(h, w);
        float[] loc = new float[4 * p];
        float[] conf = new float[2 * p];
        float[] landms = new float[10 * p];
        conf[1] = 0.97f;                 // equal to the threshold: not kept (strict >)
        conf[2 * 3 + 1] = 0.99f;         // prior 3: cell (0, 1) of level 0, min size 32
        List<FaceDetection> dets = RetinaFaceDecoder.decode(loc, conf, landms, h, w, 0.97f, 0.4f);
        assertEquals(1, dets.size());
        FaceDetection d = dets.get(0);
        // centre (1.5 · 8, 0.5 · 8) = (12, 4), size 32
        assertEquals(12 - 16, d.x1(), 1e-4);
        assertEquals(4 - 16, d.y1(), 1e-4);
        assertEquals(12 + 16, d.x2(), 1e-4);
        assertEquals(4 + 16, d.y2(), 1e-4);
        assertEquals(12, d.landmarks5()[0], 1e-4);
    }

    private static FaceDetection box(float x1, float y1, float x2, float y2, float score) {
        return new FaceDetection(x1, y1, x2, y2, score, new float[10]);
    }
}
