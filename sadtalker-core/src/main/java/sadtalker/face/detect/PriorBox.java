package sadtalker.face.detect;

/**
 * facexlib {@code retinaface_utils.py::PriorBox} for the resnet50 configuration: per level (steps
 * 8, 16, 32) {@code ceil(H/step) × ceil(W/step)} cells in row-major order, and per cell one prior
 * per min size, {@code (cx, cy, w, h)} relative to the image. Computed in double as Python does,
 * then rounded to float32 as the original's tensor is.
 */
public final class PriorBox {
    static final int[] STEPS = {8, 16, 32};
    static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};

    private PriorBox() {}

    /** The priors for an {@code height × width} image, {@code 4·P} floats. */
    public static float[] priors(int height, int width) {
        int count = count(height, width);
        float[] out = new float[count * 4];
        int k = 0;
        for (int level = 0; level < STEPS.length; level++) {
            int step = STEPS[level];
            int rows = ceilDiv(height, step);
            int cols = ceilDiv(width, step);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int minSize : MIN_SIZES[level]) {
                        out[k++] = (float) ((j + 0.5) * step / width);
                        out[k++] = (float) ((i + 0.5) * step / height);
                        out[k++] = (float) ((double) minSize / width);
                        out[k++] = (float) ((double) minSize / height);
                    }
                }
            }
        }
        return out;
    }

    /** The number of priors P for an image size. */
    public static int count(int height, int width) {
        int n = 0;
        for (int level = 0; level < STEPS.length; level++) {
            n += ceilDiv(height, STEPS[level]) * ceilDiv(width, STEPS[level]) * MIN_SIZES[level].length;
        }
        return n;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
