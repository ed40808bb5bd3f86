package sadtalker.image;

/**
 * One RetinaFace detection as facexlib's {@code detect_faces} returns a row:
 * {@code [x1, y1, x2, y2, score, l0x, l0y, …, l4x, l4y]} (landmarks: left eye, right eye, nose,
 * left and right mouth corner, in image pixels).
 *
 * @param landmarks5 10 values {@code [l0x, l0y, …, l4x, l4y]}
 */
public record FaceDetection(float x1, float y1, float x2, float y2, float score, float[] landmarks5) {
    public FaceDetection {
        if (landmarks5 == null || landmarks5.length != 10) {
            throw new IllegalArgumentException("a detection needs 5 landmarks (10 values), got "
                    + (landmarks5 == null ? "none" : landmarks5.length));
        }
    }

    /** A detection from a 15-value RetinaFace row. */
    public static FaceDetection ofRow(float[] row) {
        if (row.length != 15) {
            throw new IllegalArgumentException("a RetinaFace row has 15 values, got " + row.length);
        }
        float[] lm = new float[10];
        System.arraycopy(row, 5, lm, 0, 10);
        return new FaceDetection(row[0], row[1], row[2], row[3], row[4], lm);
    }

    /** The 15-float row {@code [x1, y1, x2, y2, score, l0x, l0y, …, l4x, l4y]}. */
    public float[] row() {
        float[] r = new float[15];
        r[0] = x1;
        r[1] = y1;
        r[2] = x2;
        r[3] = y2;
        r[4] = score;
        System.arraycopy(landmarks5, 0, r, 5, 10);
        return r;
    }

    /** Distance between the two eyes, as {@code np.linalg.norm([l0x − l1x, l0y − l1y])}. */
    public double eyeDistance() {
        return Math.hypot((double) (landmarks5[0] - landmarks5[2]), (double) (landmarks5[1] - landmarks5[3]));
    }
}
