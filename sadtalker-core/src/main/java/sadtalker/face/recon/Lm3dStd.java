package sadtalker.face.recon;

/**
 * The five standard 3-D landmarks of SadTalker {@code src/face3d/util/load_mats.py::load_lm3d}:
 * rows 30 (nose), mean(36, 39), mean(42, 45), 48, 54 of {@code similarity_Lm3D_all.mat['lm']},
 * reordered to left eye, right eye, nose, left and right mouth corner (x right, y up, z).
 */
public final class Lm3dStd {
    /**
     * {@code load_lm3d} of the table shipped with SadTalker ({@code src/config/similarity_Lm3D_all.mat}),
     * as {@code stages-face.md} lists it; the parity case {@code lm3d_std--bfm} checks these numbers
     * against the table.
     */
    private static final float[] STANDARD = {
        -0.31148657f, 0.29036078f, 0.13377953f,
        0.30979887f, 0.28972036f, 0.13179526f,
        0.003253499f, -0.046179324f, 0.55244243f,
        -0.25216928f, -0.38133916f, 0.22405732f,
        0.2484662f, -0.38128236f, 0.22235769f};

    private Lm3dStd() {}

    /** The 5×3 standard landmarks (15 floats, a fresh copy). */
    public static float[] standard() {
        return STANDARD.clone();
    }

    /** {@code load_lm3d} of a 68×3 table (204 floats): the same selection and order, means in float32. */
    public static float[] fromTable(float[] lm) {
        if (lm.length != 204) {
            throw new IllegalArgumentException("expected a 68×3 landmark table, got " + lm.length + " values");
        }
        float[] out = new float[15];
        for (int c = 0; c < 3; c++) {
            out[c] = (lm[36 * 3 + c] + lm[39 * 3 + c]) / 2f;
            out[3 + c] = (lm[42 * 3 + c] + lm[45 * 3 + c]) / 2f;
            out[6 + c] = lm[30 * 3 + c];
            out[9 + c] = lm[48 * 3 + c];
            out[12 + c] = lm[54 * 3 + c];
        }
        return out;
    }
}
