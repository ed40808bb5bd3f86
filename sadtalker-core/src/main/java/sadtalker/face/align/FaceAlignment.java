package sadtalker.face.align;

/**
 * What {@code Preprocesser.align_face} returns.
 *
 * @param rsizeW width after the optional shrink
 * @param rsizeH height after the optional shrink
 * @param crop crop box {@code (x1, y1, x2, y2)} in the shrunk image
 * @param quad {@code (lx, ly, rx, ry)} relative to the crop box when the crop is smaller than the
 *     image (floats; every consumer truncates them with {@code int()})
 */
public record FaceAlignment(int rsizeW, int rsizeH, int[] crop, double[] quad) {

    /** {@code int()} of each quad value (truncation toward zero). */
    public int[] quadInt() {
        int[] q = new int[4];
        for (int i = 0; i < 4; i++) {
            q[i] = (int) quad[i];
        }
        return q;
    }
}
