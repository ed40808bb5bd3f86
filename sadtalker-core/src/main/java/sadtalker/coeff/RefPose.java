package sadtalker.coeff;

/**
 * {@code src/test_audio2coeff.py::Audio2Coeff.using_refpose} ({@code --ref_pose}): the head
 * motion of a reference video replaces nothing but is added, relative to its first frame, to the
 * predicted pose: {@code coeffs[t, 64:70] += ref[t, 64:70] − ref[0, 64:70]}. A reference shorter
 * than the prediction is tiled ({@code T / R} copies plus its first {@code T % R} rows); a longer
 * one is cut. float32 arithmetic, the difference rounded first, as numpy does.
 */
public final class RefPose {
    /** First pose column of a 70-wide coefficient row (64 expression values come first). */
    public static final int POSE_FROM = 64;
    /** One past the last pose column. */
    public static final int POSE_TO = 70;

    private RefPose() {}

    /**
     * @param coeffs {@code [T][70]} predicted coefficients (exp 64 + pose 6), not modified
     * @param reference {@code [R][≥70]} the reference video's {@code coeff_3dmm} rows
     * @return the coefficients with the reference's relative pose added
     */
    public static float[][] apply(float[][] coeffs, float[][] reference) {
        if (reference.length == 0) {
            throw new IllegalArgumentException("the reference pose sequence is empty");
        }
        for (float[] row : reference) {
            if (row.length < POSE_TO) {
                throw new IllegalArgumentException("reference coefficient rows need at least " + POSE_TO
                        + " columns, got " + row.length);
            }
        }
        int r = reference.length;
        float[][] out = new float[coeffs.length][];
        for (int t = 0; t < coeffs.length; t++) {
            out[t] = coeffs[t].clone();
            float[] ref = reference[t % r];            // tiling: row t of the tiled sequence is row t mod R
            for (int c = POSE_FROM; c < POSE_TO; c++) {
                float delta = ref[c] - reference[0][c];
                out[t][c] = out[t][c] + delta;
            }
        }
        return out;
    }

    /**
     * The reference expression rows for {@code --ref_eyeblink} ({@code get_data}): the first 64
     * columns of the reference, tiled or cut to {@code numFrames} rows like the pose.
     */
    public static float[][] tiledExpression(float[][] reference, int numFrames) {
        if (reference.length == 0) {
            throw new IllegalArgumentException("the reference eye-blink sequence is empty");
        }
        float[][] out = new float[numFrames][];
        for (int t = 0; t < numFrames; t++) {
            float[] row = reference[t % reference.length];
            if (row.length < POSE_FROM) {
                throw new IllegalArgumentException("reference coefficient rows need at least " + POSE_FROM
                        + " columns, got " + row.length);
            }
            out[t] = java.util.Arrays.copyOf(row, POSE_FROM);
        }
        return out;
    }
}
