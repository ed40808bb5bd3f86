package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Port of {@code get_facerender_data} of {@code src/generate_facerender_batch.py} (with
 * {@code transform_semantic_1}, {@code transform_semantic_target}, {@code gen_camera_pose}): the
 * renderer's inputs from the audio-driven coefficients, the source image's coefficients and the
 * cropped source image. Windows of 27 frames (radius 13, clamped at the ends), the {@code full}
 * modes' 73 columns, still mode, expression scale, padding to a multiple of the batch size with
 * the last window and the batch-major layout {@code (bs, ceil(T/bs), C, 27)}.
 */
public final class FacerenderData {
    /** Frames on each side of a window's centre. */
    public static final int SEMANTIC_RADIUS = 13;
    public static final int WINDOW = 2 * SEMANTIC_RADIUS + 1;
    private static final int EXPRESSION = 64;
    private static final int COEFFS = 70;
    private static final int FULL_COEFFS = 73;

    private FacerenderData() {}

    /**
     * @param preprocess SadTalker's {@code --preprocess}; containing {@code full} selects 73 columns
     * @param inputYawList, inputPitchList, inputRollList {@code --input_yaw} etc. (degrees), or null
     */
    public record Options(int batchSize, float expressionScale, boolean stillMode, String preprocess, int size,
            double[] inputYawList, double[] inputPitchList, double[] inputRollList) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
            }
        }

        /** True for {@code full} / {@code extfull}: 73 columns (crop parameters appended). */
        public boolean full() {
            return preprocess.toLowerCase(java.util.Locale.ROOT).contains("full");
        }
    }

    /** The data dict; camera sequences are null when their list is. */
    public record Batch(NDArray sourceImage, NDArray sourceSemantics, NDArray targetSemantics, int frameNum,
            NDArray yawCSeq, NDArray pitchCSeq, NDArray rollCSeq) {}

    /**
     * @param coeff {@code (T, ≥70)} float: audio2coeff's {@code coeff_3dmm}
     * @param firstCoeff {@code (≥1, ≥73)} float: the source image's {@code coeff_3dmm}
     * @param image {@code (size, size, 3)} uint8 RGB, the cropped source
     */
    public static Batch of(NDArray coeff, NDArray firstCoeff, NDArray image, Options o) {
        NDManager m = coeff.getManager();
        int bs = o.batchSize();
        NDArray source = sourceImage(image, o.size());
        NDArray sourceImage = source.expandDims(0).repeat(0, bs);
        float[] sourceRow = sourceRow(firstCoeff, o.full());
        int c = sourceRow.length;
        float[] sourceWindow = new float[c * WINDOW];
        for (int ch = 0; ch < c; ch++) {
            Arrays.fill(sourceWindow, ch * WINDOW, (ch + 1) * WINDOW, sourceRow[ch]);
        }
        NDArray sourceSemantics = m.create(sourceWindow, new Shape(1, c, WINDOW)).repeat(0, bs);

        float[][] generated = generated(coeff, sourceRow, o);
        int frames = generated.length;
        int padded = (frames + bs - 1) / bs * bs;
        float[] windows = new float[padded * c * WINDOW];
        for (int f = 0; f < padded; f++) {
            int centre = Math.min(f, frames - 1);             // padding repeats the last window
            for (int j = 0; j < WINDOW; j++) {
                int row = Math.min(Math.max(centre - SEMANTIC_RADIUS + j, 0), frames - 1);
                for (int ch = 0; ch < c; ch++) {
                    windows[(f * c + ch) * WINDOW + j] = generated[row][ch];
                }
            }
        }
        NDArray target = m.create(windows, new Shape(bs, padded / bs, c, WINDOW));
        return new Batch(sourceImage, sourceSemantics, target, frames, camera(m, o.inputYawList(), frames, bs),
                camera(m, o.inputPitchList(), frames, bs), camera(m, o.inputRollList(), frames, bs));
    }

    /** {@code img_as_float32} (x · float32(1/255)) and HWC → CHW: {@code (3, size, size)}. */
    public static NDArray sourceImage(NDArray image, int size) {
        Shape s = image.getShape();
        if (s.dimension() != 3 || s.get(2) != 3 || image.getDataType() != DataType.UINT8) {
            throw new IllegalArgumentException("source image must be uint8 (H, W, 3) RGB, got " + image.getDataType()
                    + " " + s);
        }
        if (s.get(0) != size || s.get(1) != size) {
            throw new IllegalArgumentException("source image is " + s.get(1) + "x" + s.get(0) + " but the renderer size is "
                    + size + ": crop or resize it to " + size + "x" + size + " first");
        }
        return image.toType(DataType.FLOAT32, false).mul((float) (1.0 / 255)).transpose(2, 0, 1);
    }

    /** The source's first row: 70 columns, or 73 in the full modes. */
    private static float[] sourceRow(NDArray firstCoeff, boolean full) {
        Shape s = firstCoeff.getShape();
        int c = full ? FULL_COEFFS : COEFFS;
        if (s.dimension() != 2 || s.get(0) < 1 || s.get(1) < c) {
            throw new IllegalArgumentException("first_coeff must be (1, >= " + c + ") coefficients, got " + s);
        }
        // host: the source row is edited column by column (full-mode columns, still mode) in Java
        float[] all = firstCoeff.toType(DataType.FLOAT32, false).toFloatArray();
        return Arrays.copyOf(all, c);
    }

    /** The driving rows after expression scale, full-mode columns and still mode. */
    private static float[][] generated(NDArray coeff, float[] source, Options o) {
        Shape s = coeff.getShape();
        if (s.dimension() != 2 || s.get(0) < 1 || s.get(1) < COEFFS) {
            throw new IllegalArgumentException("coeff must be (T >= 1, >= 70) coefficients, got " + s);
        }
        int frames = (int) s.get(0);
        int stride = (int) s.get(1);
        // host: expression scale, full-mode columns and still mode are applied per row in Java
        float[] all = coeff.toType(DataType.FLOAT32, false).toFloatArray();
        int c = source.length;
        float[][] rows = new float[frames][c];
        for (int t = 0; t < frames; t++) {
            for (int ch = 0; ch < COEFFS; ch++) {
                float v = all[t * stride + ch];
                rows[t][ch] = ch < EXPRESSION ? v * o.expressionScale() : v;   // float32 × float32
            }
            for (int ch = COEFFS; ch < c; ch++) {
                rows[t][ch] = source[ch];                         // full: the source's crop parameters
            }
            if (o.stillMode()) {
                System.arraycopy(source, EXPRESSION, rows[t], EXPRESSION, c - EXPRESSION);
            }
        }
        return rows;
    }

    /** {@code gen_camera_pose}: degrees per frame, padded to a multiple of bs, {@code (bs, n)}; null for null. */
    static NDArray camera(NDManager m, double[] list, int frames, int bs) {
        if (list == null) {
            return null;
        }
        double[] perFrame = cameraPose(list, frames);
        int padded = (frames + bs - 1) / bs * bs;
        float[] out = new float[padded];
        for (int i = 0; i < padded; i++) {
            out[i] = (float) perFrame[Math.min(i, frames - 1)];
        }
        return m.create(out, new Shape(bs, padded / bs));
    }

    /**
     * The unpadded degree sequence of {@code gen_camera_pose}: one value → constant; several → the
     * total |Δ| spread evenly over {@code frames − 1} steps, each segment as numpy's half-open
     * {@code arange}, truncated or padded with its last value to {@code frames}.
     */
    public static double[] cameraPose(double[] list, int frames) {
        if (list.length == 0) {
            throw new IllegalArgumentException("camera degree list is empty");
        }
        double[] out = new double[frames];
        if (list.length == 1) {
            Arrays.fill(out, list[0]);
            return out;
        }
        if (frames < 2) {
            throw new IllegalArgumentException("a camera path of " + list.length + " values needs at least 2 frames, got "
                    + frames + " (the original divides by frames - 1)");
        }
        double sum = 0;
        for (int i = 1; i < list.length; i++) {
            sum += Math.abs(list[i] - list[i - 1]);
        }
        double perFrame = sum / (frames - 1);
        List<Double> degrees = new ArrayList<>();
        for (int i = 1; i < list.length; i++) {
            double last = list[i - 1];
            double delta = list[i] - last;
            if (delta == 0) {
                throw new IllegalArgumentException("camera degree list " + Arrays.toString(list) + " repeats " + last
                        + " in consecutive values (the original divides by their difference, zero)");
            }
            double step = perFrame * Math.abs(delta) / delta;
            arange(last, list[i], step, degrees);
        }
        if (degrees.isEmpty()) {
            throw new IllegalArgumentException("camera degree list " + Arrays.toString(list) + " gives no frames");
        }
        for (int i = 0; i < frames; i++) {
            out[i] = degrees.get(Math.min(i, degrees.size() - 1));
        }
        return out;
    }

    /** {@code np.arange(start, stop, step)} in float64: {@code ceil((stop − start)/step)} values {@code start + i·Δ}. */
    private static void arange(double start, double stop, double step, List<Double> into) {
        long count = (long) Math.ceil((stop - start) / step);
        double delta = (start + step) - start;                // numpy fills with the rounded second value
        for (long i = 0; i < count; i++) {
            into.add(i == 0 ? start : start + i * delta);
        }
    }
}
