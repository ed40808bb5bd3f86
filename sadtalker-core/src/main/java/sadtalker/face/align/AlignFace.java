package sadtalker.face.align;

/**
 * Port of SadTalker {@code src/utils/croper.py::Preprocesser.align_face} (FFHQ-style oriented
 * quad), which only reads the image size. The original mixes float32 (landmark means, the eye and
 * mouth vectors, the centre, the scale) and float64 (the quad, once multiplied by the integer list
 * {@code [-1, 1]}); the same split is kept here so that the integer truncations agree. Its quirks
 * are kept too: the crop padding is commented out in the original and {@code ry} is clamped with
 * the image WIDTH.
 */
public final class AlignFace {
    /** SadTalker's {@code xsize}. */
    public static final int OUTPUT_SIZE = 512;

    private AlignFace() {}

    /** {@code lm68}: 136 floats (x, y) in image pixels; {@code width × height}: the image size. */
    public static FaceAlignment align(float[] lm68, int width, int height, int outputSize) {
        if (lm68.length != 136) {
            throw new IllegalArgumentException("expected 68 (x, y) landmarks, got " + lm68.length + " values");
        }
        float[] eyeLeft = mean(lm68, 36, 42);
        float[] eyeRight = mean(lm68, 42, 48);
        float[] eyeAvg = {(eyeLeft[0] + eyeRight[0]) * 0.5f, (eyeLeft[1] + eyeRight[1]) * 0.5f};
        float[] eyeToEye = {eyeRight[0] - eyeLeft[0], eyeRight[1] - eyeLeft[1]};
        float[] mouthAvg = {(lm68[2 * 48] + lm68[2 * 54]) * 0.5f, (lm68[2 * 48 + 1] + lm68[2 * 54 + 1]) * 0.5f};
        float[] eyeToMouth = {mouthAvg[0] - eyeAvg[0], mouthAvg[1] - eyeAvg[1]};

        // x = eye_to_eye − flipud(eye_to_mouth)·[−1, 1]: float64 from here
        double x0 = (double) eyeToEye[0] + (double) eyeToMouth[1];
        double x1 = (double) eyeToEye[1] - (double) eyeToMouth[0];
        double norm = Math.hypot(x0, x1);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("degenerate landmarks: the eye and mouth points give no face orientation");
        }
        x0 /= norm;
        x1 /= norm;
        float scale = Math.max((float) Math.hypot(eyeToEye[0], eyeToEye[1]) * 2.0f,
                (float) Math.hypot(eyeToMouth[0], eyeToMouth[1]) * 1.8f);
        x0 *= scale;
        x1 *= scale;
        double y0 = -x1;
        double y1 = x0;
        float cx = eyeAvg[0] + eyeToMouth[0] * 0.1f;
        float cy = eyeAvg[1] + eyeToMouth[1] * 0.1f;
        double[][] quad = {
            {cx - x0 - y0, cy - x1 - y1},
            {cx - x0 + y0, cy - x1 + y1},
            {cx + x0 + y0, cy + x1 + y1},
            {cx + x0 - y0, cy + x1 - y1}};
        double qsize = Math.hypot(x0, x1) * 2;

        int shrink = (int) Math.floor(qsize / outputSize * 0.5);
        int rw = width;
        int rh = height;
        if (shrink > 1) {
            rw = (int) Math.rint((double) width / shrink);
            rh = (int) Math.rint((double) height / shrink);
            for (double[] q : quad) {
                q[0] /= shrink;
                q[1] /= shrink;
            }
            qsize /= shrink;
        }

        int border = Math.max((int) Math.rint(qsize * 0.1), 3);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] q : quad) {
            minX = Math.min(minX, q[0]);
            minY = Math.min(minY, q[1]);
            maxX = Math.max(maxX, q[0]);
            maxY = Math.max(maxY, q[1]);
        }
        int[] crop = {
            Math.max((int) Math.floor(minX) - border, 0),
            Math.max((int) Math.floor(minY) - border, 0),
            Math.min((int) Math.ceil(maxX) + border, rw),
            Math.min((int) Math.ceil(maxY) + border, rh)};
        if (crop[2] - crop[0] < rw || crop[3] - crop[1] < rh) {
            for (double[] q : quad) {
                q[0] -= crop[0];
                q[1] -= crop[1];
            }
        }
        // quad + 0.5, flattened as (q0x, q0y, q1x, q1y, q2x, q2y, q3x, q3y)
        double lx = Math.max(Math.min(quad[0][0] + 0.5, quad[1][0] + 0.5), 0);
        double ly = Math.max(Math.min(quad[0][1] + 0.5, quad[3][1] + 0.5), 0);
        double rx = Math.min(Math.max(quad[2][0] + 0.5, quad[3][0] + 0.5), rw);
        double ry = Math.min(Math.max(quad[1][1] + 0.5, quad[2][1] + 0.5), rw); // sic: the width, as the original
        return new FaceAlignment(rw, rh, crop, new double[] {lx, ly, rx, ry});
    }

    /** numpy's float32 {@code mean(axis=0)} of rows [from, to): sequential float32 sum, then a float32 divide. */
    private static float[] mean(float[] lm, int from, int to) {
        float sx = 0;
        float sy = 0;
        for (int i = from; i < to; i++) {
            sx += lm[2 * i];
            sy += lm[2 * i + 1];
        }
        return new float[] {sx / (to - from), sy / (to - from)};
    }
}
