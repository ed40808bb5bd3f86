package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * SadTalker's face renderer ({@code src/facerender/animate.py::AnimateFromCoeff} without the video
 * writing): KPDetector and OcclusionAwareSPADEGenerator from {@code SadTalker_V0.0.2_256.safetensors}
 * (prefixes {@code kp_extractor.} and {@code generator.}) and the mode's MappingNet checkpoint,
 * each loaded strictly. Renders 256×256 frames in [0, 1] from a source image and the semantics
 * windows of {@link FacerenderData}, {@code batchSize} frames per generator call. Loaded by
 * {@link FaceRenderers}.
 */
public final class FaceRenderer implements AutoCloseable {
    /** The renderer weights inside SadTalker's checkpoint folder. */
    public static final String SAFETENSORS = "SadTalker_V0.0.2_256.safetensors";
    /** Image size of the 256 model. */
    public static final int SIZE = 256;

    private final NDManager manager;
    private final RenderMode mode;
    private final MakeAnimation animation;

    /** Wraps already built networks; {@code manager} (holding their weights) is closed by {@link #close}. */
    public FaceRenderer(NDManager manager, RenderMode mode, KPDetector kpDetector, OcclusionAwareSPADEGenerator generator,
            MappingNet mapping) {
        if (mapping.config().coeffNc() != mode.coefficients()) {
            throw new IllegalArgumentException("mode " + mode + " needs a MappingNet over " + mode.coefficients()
                    + " coefficients, got " + mapping.config().coeffNc());
        }
        this.manager = manager;
        this.mode = mode;
        this.animation = new MakeAnimation(kpDetector, generator, mapping);
    }

    public RenderMode mode() {
        return mode;
    }

    /** The make_animation loop over these networks. */
    public MakeAnimation animation() {
        return animation;
    }

    /**
     * Renders the frames of a {@link FacerenderData} batch in order, {@code batchSize} at a time,
     * like {@code AnimateFromCoeff.generate} ({@code reshape(-1, 3, H, W)[:frame_num]}): the batch
     * rows share one source (get_facerender_data repeats it), so the frames are taken in the
     * batch-major order and the padding windows are not rendered.
     *
     * @param sink receives {@code (k, 3, 256, 256)} frames in [0, 1] starting at frame {@code first}
     */
    public void render(FacerenderData.Batch data, int batchSize, FrameSink sink) {
        Shape ts = data.targetSemantics().getShape();
        if (ts.get(2) != mode.coefficients()) {
            throw new IllegalArgumentException("renderer mode " + mode + " needs " + mode.coefficients()
                    + " coefficient columns, the data has " + ts.get(2));
        }
        try (NDManager scope = data.sourceImage().getManager().newSubManager()) {
            int frames = data.frameNum();
            NDIndex first = new NDIndex("0:1");
            NDArray source = data.sourceImage().get(first);
            NDArray sourceSemantics = data.sourceSemantics().get(first);
            NDArray target = flatten(data.targetSemantics(), frames);
            NDArray yaw = flatten(data.yawCSeq(), frames);
            NDArray pitch = flatten(data.pitchCSeq(), frames);
            NDArray roll = flatten(data.rollCSeq(), frames);
            for (NDArray a : new NDArray[] {source, sourceSemantics, target, yaw, pitch, roll}) {
                if (a != null) {
                    a.attach(scope);
                }
            }
            animation.stream(source, sourceSemantics, target, yaw, pitch, roll, batchSize,
                    (row, firstFrame, batch) -> sink.accept(firstFrame, batch));
        }
    }

    /** {@link #render(FacerenderData.Batch, int, FrameSink)} collected into {@code (frame_num, 3, 256, 256)}. */
    public NDArray render(FacerenderData.Batch data, int batchSize) {
        NDManager m = data.sourceImage().getManager();
        List<NDArray> parts = new ArrayList<>();
        render(data, batchSize, (first, frames) -> {
            frames.attach(m);
            parts.add(frames);
        });
        NDArray all = NDArrays.concat(new NDList(parts), 0);
        parts.forEach(NDArray::close);
        return all;
    }

    /** {@code (bs, n, ...)} → {@code (1, frames, ...)} in batch-major order. */
    private static NDArray flatten(NDArray rows, int frames) {
        if (rows == null) {
            return null;
        }
        Shape s = rows.getShape();
        long[] dims = s.getShape().clone();
        long total = dims[0] * dims[1];
        long[] flat = new long[dims.length - 1];
        flat[0] = total;
        System.arraycopy(dims, 2, flat, 1, flat.length - 1);
        try (NDArray all = rows.reshape(new Shape(flat)); NDArray first = all.get(new NDIndex("0:{}", frames))) {
            return first.expandDims(0);
        }
    }

    /** Receives rendered frames {@code (k, 3, H, W)}, frames {@code first .. first + k − 1}. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(int first, NDArray frames);
    }

    @Override
    public void close() {
        manager.close();
    }
}
