package sadtalker.face;

import sadtalker.image.CropInfo;
/**
 * Face landmarks given by the caller instead of found by RetinaFace and the FAN: 68 points
 * {@code (x0, y0, x1, y1, ...)} in the source picture and, optionally, the same face's 68 points in
 * the cropped {@code pic_size} frame (when absent they are the picture's points carried through the
 * crop, which is where the original's second landmark pass finds them, up to the FAN's error).
 * Meant for tests and benchmarks with synthetic weights, which cannot find a real face; everything
 * after the landmarks (crop, alignment, 3DMM reconstruction) runs as usual.
 *
 * @param source 136 floats in source-picture pixels
 * @param frame 136 floats in cropped-frame pixels, or null
 */
public record FaceGeometry(float[] source, float[] frame) {
    public FaceGeometry {
        if (source == null || source.length != 136 || (frame != null && frame.length != 136)) {
            throw new IllegalArgumentException("face geometry needs 68 (x, y) points for the picture (and optionally the frame)");
        }
        source = source.clone();
        frame = frame == null ? null : frame.clone();
    }

    /** Geometry from the picture's landmarks alone. */
    public static FaceGeometry of(float[] source) {
        return new FaceGeometry(source, null);
    }

    /** The picture's points carried into the {@code picSize} frame cut as {@code info} says. */
    float[] frameOf(CropInfo info, int imageWidth, int imageHeight, int picSize) {
        if (frame != null) {
            return frame.clone();
        }
        double sx = info.resizedWidth() / (double) imageWidth;
        double sy = info.resizedHeight() / (double) imageHeight;
        int[] c = info.crop();
        int[] q = info.quad();
        float[] out = new float[136];
        for (int i = 0; i < 68; i++) {
            out[2 * i] = (float) ((source[2 * i] * sx - c[0] - q[0]) * picSize / (q[2] - q[0]));
            out[2 * i + 1] = (float) ((source[2 * i + 1] * sy - c[1] - q[1]) * picSize / (q[3] - q[1]));
        }
        return out;
    }
}
