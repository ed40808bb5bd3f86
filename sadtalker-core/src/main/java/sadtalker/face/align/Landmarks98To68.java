package sadtalker.face.align;

/**
 * facexlib {@code alignment/convert_98_to_68_landmarks.py::landmark_98_to_68}: WFLW's 98 points to
 * the 68-point iBUG layout (cheek = even points 0–32, brows as pair averages, six of each eye's
 * eight points, nose and mouth copied), float32.
 */
public final class Landmarks98To68 {
    private static final int[][] BROW_PAIRS = {
        {34, 41}, {35, 40}, {36, 39}, {37, 38}, {42, 50}, {43, 49}, {44, 48}, {45, 47}};
    private static final int[] BROW_TARGETS = {18, 19, 20, 21, 22, 23, 24, 25};
    private static final int[] LEFT_EYE_98 = {60, 61, 63, 64, 65, 67};
    private static final int[] RIGHT_EYE_98 = {68, 69, 71, 72, 73, 75};

    private Landmarks98To68() {}

    /** {@code lm98} as 196 floats (x, y pairs) → 136 floats. */
    public static float[] convert(float[] lm98) {
        if (lm98.length != 196) {
            throw new IllegalArgumentException("expected 98 (x, y) landmarks, got " + lm98.length + " values");
        }
        float[] out = new float[136];
        for (int i = 0; i <= 32; i += 2) {
            copy(lm98, i, out, i / 2);
        }
        for (int i = 51; i < 60; i++) {
            copy(lm98, i, out, i - 24);
        }
        for (int i = 76; i < 96; i++) {
            copy(lm98, i, out, i - 28);
        }
        copy(lm98, 33, out, 17);
        for (int k = 0; k < BROW_PAIRS.length; k++) {
            for (int c = 0; c < 2; c++) {
                out[2 * BROW_TARGETS[k] + c] = (lm98[2 * BROW_PAIRS[k][0] + c] + lm98[2 * BROW_PAIRS[k][1] + c]) / 2f;
            }
        }
        copy(lm98, 46, out, 26);
        for (int k = 0; k < 6; k++) {
            copy(lm98, LEFT_EYE_98[k], out, 36 + k);
            copy(lm98, RIGHT_EYE_98[k], out, 42 + k);
        }
        return out;
    }

    private static void copy(float[] src, int from, float[] dst, int to) {
        dst[2 * to] = src[2 * from];
        dst[2 * to + 1] = src[2 * from + 1];
    }
}
