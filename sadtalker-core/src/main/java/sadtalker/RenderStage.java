package sadtalker;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import sadtalker.face.SourceAnalysis;
import sadtalker.render.FaceRenderer;
import sadtalker.render.FaceRenderers;
import sadtalker.render.FacerenderData;
import sadtalker.render.RenderMode;
import sadtalker.render.RendererWeights;

/**
 * The face renderer in both configurations, loaded once: the keypoint detector and the generator
 * (about 570 MB) are shared; only the small MappingNet differs between {@code full} (73 inputs,
 * still config) and {@code crop} (70 inputs).
 */
final class RenderStage implements AutoCloseable {
    /** The default image size (SadTalker_V0.0.2_256). */
    public static final int SIZE = FaceRenderer.SIZE;

    /** Receives rendered frames {@code (k, 3, size, size)} in [0, 1]; {@code done} of {@code total} frames so far. */
    @FunctionalInterface
    public interface Sink {
        void accept(int done, int total, NDArray frames);
    }

    private final FaceRenderers renderers;
    private final int size;

    private RenderStage(FaceRenderers renderers, int size) {
        this.renderers = renderers;
        this.size = size;
    }

    /** Loads both modes of the 256 model from the models directory (strict, every key accounted for). */
    public static RenderStage load(Path modelsDir, Device device) {
        return load(modelsDir, device, RendererWeights.SAFETENSORS_256, SIZE);
    }

    /**
     * Loads both modes from {@code weights}' file, to render {@code size}×{@code size} frames
     * (SadTalker's {@code --size}; the source crop must have that size).
     */
    public static RenderStage load(Path modelsDir, Device device, RendererWeights weights, int size) {
        return new RenderStage(FaceRenderers.load(modelsDir, device, weights, RenderMode.FULL, RenderMode.CROP), size);
    }

    /** The image size of the frames rendered (the source crop's size). */
    public int size() {
        return size;
    }

    /**
     * Renders the video of {@code coeffs} ({@code [T][70]}, from audio2coeff) for {@code face}:
     * {@code get_facerender_data} with expression scale 1, still mode for {@link Mode#FULL}, then
     * {@code make_animation} in batches of {@code batchSize}.
     *
     * @return the number of frames, T
     */
    public int render(Mode mode, float[][] coeffs, SourceAnalysis face, int batchSize, NDManager scope, Sink sink) {
        boolean isFull = mode == Mode.FULL;
        int frames = coeffs.length;
        try (NDManager m = scope.newSubManager()) {
            NDArray coeff = m.create(flatten(coeffs), new Shape(frames, coeffs[0].length));
            NDArray first = m.create(face.coeff3dmm(), new Shape(1, face.coeff3dmm().length));
            NDArray image = m.create(java.nio.ByteBuffer.wrap(face.frame().pixels()), new Shape(size, size, 3), DataType.UINT8);
            FacerenderData.Batch batch = FacerenderData.of(coeff, first, image, new FacerenderData.Options(batchSize, 1.0f,
                    isFull, isFull ? "full" : "crop", size, null, null, null));
            int[] done = {0};
            renderers.get(isFull ? RenderMode.FULL : RenderMode.CROP).render(batch, batchSize, (firstFrame, rendered) -> {
                done[0] += (int) rendered.getShape().get(0);
                sink.accept(done[0], frames, rendered);
            });
            return frames;
        }
    }

    private static float[] flatten(float[][] rows) {
        int cols = rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    @Override
    public void close() {
        renderers.close();
    }
}
