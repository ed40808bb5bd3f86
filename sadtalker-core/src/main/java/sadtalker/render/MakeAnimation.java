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
 * Port of {@code make_animation} of {@code src/facerender/modules/make_animation.py} (as
 * {@code AnimateFromCoeff.generate} calls it): canonical keypoints and source keypoints once per
 * source, then per frame MappingNet → {@link KeypointTransformation} → generator.
 *
 * <p>The original renders one frame index at a time for all {@code bs} rows. Here each row's
 * frames are rendered in batches of {@code batchSize} frames; the source image is encoded once per
 * row ({@link OcclusionAwareSPADEGenerator#encode}) and shared by the batch. Every network is
 * per-sample in eval mode, so the frames are those of the one-at-a-time loop up to the order of
 * float32 sums inside the kernels (measured ≤ 1.4e-5 on frames in [0, 1]).
 *
 * <p>On a 2-core CPU (libtorch 2.3.1, oneDNN) batch size 1 was the fastest in
 * {@code FaceRendererBenchmark}; larger batches are meant for GPUs, and each frame of a batch adds
 * about 0.5 GB of peak working memory at 256 px.
 */
public final class MakeAnimation {
    private final KPDetector kpDetector;
    private final OcclusionAwareSPADEGenerator generator;
    private final MappingNet mapping;

    /** Outputs: {@code predictions (bs, n, 3, H, W)} and the keypoints the loop used. */
    public record Result(NDArray predictions, NDArray kpCanonical, NDArray kpSource, NDArray kpDriving) {}

    /** Receives each rendered batch: {@code frames (k, 3, H, W)} for frames {@code first .. first + k − 1} of a row. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(int row, int first, NDArray frames);
    }

    public MakeAnimation(KPDetector kpDetector, OcclusionAwareSPADEGenerator generator, MappingNet mapping) {
        this.kpDetector = kpDetector;
        this.generator = generator;
        this.mapping = mapping;
    }

    KPDetector kpDetector() {
        return kpDetector;
    }

    OcclusionAwareSPADEGenerator generator() {
        return generator;
    }

    MappingNet mapping() {
        return mapping;
    }

    /**
     * Renders all frames and returns them with the keypoints (memory grows with the frame count;
     * see {@link #stream} for long clips).
     *
     * @param sourceImage {@code (bs, 3, H, W)} in [0, 1]
     * @param sourceSemantics {@code (bs, C, 27)}
     * @param targetSemantics {@code (bs, n, C, 27)}
     * @param yawCSeq, pitchCSeq, rollCSeq {@code (bs, n)} degrees replacing the predicted pose, or null
     * @param batchSize frames per generator call (≥ 1)
     */
    public Result run(NDArray sourceImage, NDArray sourceSemantics, NDArray targetSemantics, NDArray yawCSeq,
            NDArray pitchCSeq, NDArray rollCSeq, int batchSize) {
        NDManager m = sourceImage.getManager();
        List<List<NDArray>> frames = new ArrayList<>();
        List<NDArray> drivingBatches = new ArrayList<>();
        KeypointSink keypoints = new KeypointSink(m);
        stream(sourceImage, sourceSemantics, targetSemantics, yawCSeq, pitchCSeq, rollCSeq, batchSize,
                (row, first, batch) -> {
                    while (frames.size() <= row) {
                        frames.add(new ArrayList<>());
                    }
                    batch.attach(m);
                    frames.get(row).add(batch);
                }, keypoints);
        List<NDArray> rows = new ArrayList<>();
        for (List<NDArray> row : frames) {
            rows.add(NDArrays.concat(new NDList(row), 0));
        }
        NDArray predictions = NDArrays.stack(new NDList(rows), 0);
        for (List<NDArray> row : keypoints.driving) {
            drivingBatches.add(NDArrays.concat(new NDList(row), 0));
        }
        return new Result(predictions, NDArrays.concat(new NDList(keypoints.canonical), 0),
                NDArrays.concat(new NDList(keypoints.source), 0), NDArrays.stack(new NDList(drivingBatches), 0));
    }

    /**
     * Renders row by row, batch by batch, handing each batch of frames to {@code sink}; the arrays
     * passed to the sink are closed after it returns unless it attaches them elsewhere.
     */
    public void stream(NDArray sourceImage, NDArray sourceSemantics, NDArray targetSemantics, NDArray yawCSeq,
            NDArray pitchCSeq, NDArray rollCSeq, int batchSize, FrameSink sink) {
        stream(sourceImage, sourceSemantics, targetSemantics, yawCSeq, pitchCSeq, rollCSeq, batchSize, sink, null);
    }

    private void stream(NDArray sourceImage, NDArray sourceSemantics, NDArray targetSemantics, NDArray yawCSeq,
            NDArray pitchCSeq, NDArray rollCSeq, int batchSize, FrameSink sink, KeypointSink keypoints) {
        Shape ts = targetSemantics.getShape();
        long bs = sourceImage.getShape().get(0);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (ts.dimension() != 4 || ts.get(0) != bs || sourceSemantics.getShape().get(0) != bs) {
            throw new IllegalArgumentException("make_animation needs source_image (bs, 3, H, W), source_semantics "
                    + "(bs, C, 27) and target_semantics (bs, n, C, 27) with one bs, got " + sourceImage.getShape() + ", "
                    + sourceSemantics.getShape() + ", " + ts);
        }
        int n = (int) ts.get(1);
        for (int b = 0; b < bs; b++) {
            try (NDManager rowScope = sourceImage.getManager().newSubManager()) {
                NDIndex row = new NDIndex("{}:{}", b, b + 1);
                NDArray source = sourceImage.get(row);
                source.attach(rowScope);
                NDArray kpCanonical = kpDetector.forward(source);                     // (1, K, 3)
                NDArray semantics = sourceSemantics.get(row);
                semantics.attach(rowScope);
                MappingNet.Output heSource = mapping.forward(semantics);
                NDArray kpSource = KeypointTransformation.apply(kpCanonical, heSource, null, null, null).value();
                NDArray feature = generator.encode(source);                           // (1, C, D, h, w)
                if (keypoints != null) {
                    keypoints.row(kpCanonical, kpSource);
                }
                for (int first = 0; first < n; first += batchSize) {
                    int k = Math.min(batchSize, n - first);
                    // A short last batch is filled up with copies of the last window and the extra
                    // frames dropped, as get_facerender_data pads target_semantics to a multiple of
                    // the batch size and the original renders the padding: the generator then runs at
                    // one batch size throughout (another size moves the frames by a level).
                    int rows = batchSize;
                    try (NDManager batch = rowScope.newSubManager()) {
                        NDIndex frames = new NDIndex("{}, {}:{}", b, first, first + k);
                        NDArray windows = padded(targetSemantics, frames, b, n, rows - k, batch);  // (bs, C, 27)
                        MappingNet.Output he = mapping.forward(windows);
                        NDArray kpDriving = KeypointTransformation.apply(broadcast(kpCanonical, rows, batch), he,
                                padded(yawCSeq, frames, b, n, rows - k, batch), padded(pitchCSeq, frames, b, n, rows - k, batch),
                                padded(rollCSeq, frames, b, n, rows - k, batch)).value();
                        NDArray prediction = generator.animate(broadcast(feature, rows, batch), kpDriving,
                                broadcast(kpSource, rows, batch)).prediction();
                        if (k < rows) {
                            kpDriving = attached(kpDriving.get(new NDIndex("0:{}", k)), batch);
                            prediction = attached(prediction.get(new NDIndex("0:{}", k)), batch);
                        }
                        if (keypoints != null) {
                            keypoints.driving(b, kpDriving);
                        }
                        sink.accept(b, first, prediction);
                    }
                }
            }
        }
    }

    private static NDArray attached(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    /** Rows {@code frames} of {@code seq} (row {@code b}) followed by {@code pad} copies of its last frame {@code n − 1}. */
    private static NDArray padded(NDArray seq, NDIndex frames, int b, int n, int pad, NDManager m) {
        if (seq == null) {
            return null;
        }
        NDArray rows = attached(seq.get(frames), m);
        if (pad == 0) {
            return rows;
        }
        NDArray last = attached(seq.get(new NDIndex("{}, {}:{}", b, n - 1, n)), m);
        long[] dims = last.getShape().getShape().clone();
        dims[0] = pad;
        NDArray copies = attached(last.broadcast(new Shape(dims)), m);
        return attached(rows.concat(copies, 0), m);
    }

    /** {@code (1, ...)} → {@code (k, ...)}, a copy in {@code m}. */
    private static NDArray broadcast(NDArray one, int k, NDManager m) {
        long[] dims = one.getShape().getShape().clone();
        dims[0] = k;
        NDArray out = one.broadcast(new Shape(dims)).duplicate();
        out.attach(m);
        return out;
    }

    /** Collects the keypoints for {@link #run}. */
    private static final class KeypointSink {
        final NDManager manager;
        final List<NDArray> canonical = new ArrayList<>();
        final List<NDArray> source = new ArrayList<>();
        final List<List<NDArray>> driving = new ArrayList<>();

        KeypointSink(NDManager manager) {
            this.manager = manager;
        }

        void row(NDArray kpCanonical, NDArray kpSource) {
            canonical.add(kpCanonical.duplicate());
            source.add(kpSource.duplicate());
            canonical.get(canonical.size() - 1).attach(manager);
            source.get(source.size() - 1).attach(manager);
            driving.add(new ArrayList<>());
        }

        void driving(int row, NDArray kpDriving) {
            NDArray copy = kpDriving.duplicate();
            copy.attach(manager);
            driving.get(row).add(copy);
        }
    }
}
