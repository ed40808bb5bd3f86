package sadtalker.face.detect;

/**
 * One row of facexlib's {@code detect_faces} output: box corners, score and five landmarks
 * (left eye, right eye, nose, mouth corners), in image pixels.
 */
public record FaceDetection(float x1, float y1, float x2, float y2, float score, float[] landmarks) {

    /** The 15-float row {@code [x1, y1, x2, y2, score, l0x, l0y, …, l4x, l4y]}. */
    public float[] row() {
        float[] r = new float[15];
        r[0] = x1;
        r[1] = y1;
        r[2] = x2;
        r[3] = y2;
        r[4] = score;
        System.arraycopy(landmarks, 0, r, 5, 10);
        return r;
    }
}
