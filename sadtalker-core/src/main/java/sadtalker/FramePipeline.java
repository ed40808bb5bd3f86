package sadtalker;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import sadtalker.image.FaceDetection;
import sadtalker.enhance.FaceNoise;
import sadtalker.enhance.FiveLandmarkDetector;
import sadtalker.enhance.GfpganEnhancer;
import sadtalker.face.SourceAnalysis;
import sadtalker.face.SourceImageAnalyzer;
import sadtalker.video.FullPaste;
import sadtalker.image.Image8;
import sadtalker.video.Mp4Writer;
import sadtalker.video.ResizeFrames;

/**
 * What happens to each rendered frame, as {@code AnimateFromCoeff.generate} does it (without the
 * original's intermediate lossy video files): uint8 and resize to the crop's aspect; in
 * {@link Mode#FULL}, paste back into the whole picture ({@code paste_pic}, seamlessClone); GFPGAN
 * (2× upscale); then the MP4 writer, created at the first frame's size.
 */
final class FramePipeline implements AutoCloseable {
    private final SourceAnalysis face;
    private final FullPaste paste;
    private final Enhancer enhancer;
    private final FiveLandmarkDetector faces;
    private final EngineOptions options;
    private final float[] audio;
    private final int sampleRate;
    private final Path target;
    private final Timings timings;
    private final Draws draws;
    private final FaceHints hints;
    private final StageTap tap;
    private int next;
    private Mp4Writer writer;

    /**
     * @param target where the finished MP4 goes (written under a temporary name, moved on close)
     * @param draws GFPGAN's noise; {@code hints}: its faces if given (or null); {@code tap}: the call's tap
     */
    public FramePipeline(Mode mode, SourceAnalysis face, Enhancer enhancer, EngineOptions options, float[] audio,
            int sampleRate, Path target, Timings timings, Draws draws, FaceHints hints, StageTap tap) {
        this.draws = draws;
        this.hints = hints;
        this.tap = tap;
        this.face = face;
        this.enhancer = enhancer;
        this.options = options;
        this.audio = audio;
        this.sampleRate = sampleRate;
        this.target = target;
        this.timings = timings;
        this.paste = mode == Mode.FULL ? new FullPaste(face.source(), face.cropInfo(), false) : null;
        this.faces = enhancer == null ? null : detector(mode, face, hints, options.size(), enhancer);
    }

    /** Processes rendered frames {@code (k, 3, size, size)} (the options' size) in [0, 1]. */
    public void accept(NDArray frames) {
        long t0 = System.nanoTime();
        List<Image8> resized = ResizeFrames.resize(frames, face.cropInfo().width(), face.cropInfo().height(),
                options.size());
        timings.add("resize", System.nanoTime() - t0);
        for (Image8 frame : resized) {
            int index = next++;
            Image8 out = frame;
            if (paste != null) {
                long t1 = System.nanoTime();
                out = paste.paste(out);
                timings.add("paste", System.nanoTime() - t1);
            }
            if (enhancer != null) {
                long t2 = System.nanoTime();
                if (tap != StageTap.NONE) {
                    tap.enhancerInput(index, out);
                }
                List<FaceDetection> found = hints != null && hints.hasEnhancerFaces() ? hints.enhancerFaces(index) : null;
                out = enhancer.enhanceRgb(out, found, faces, (k, sizes) -> draws.gfpganNoise(index, k, sizes));
                timings.add("enhance", System.nanoTime() - t2);
            }
            if (tap != StageTap.NONE) {
                tap.frame(index, out);
            }
            long t3 = System.nanoTime();
            if (writer == null) {
                writer = new Mp4Writer(target, out.width(), out.height(), audio, sampleRate, options.videoCodec());
            }
            writer.write(out);
            timings.add("encode", System.nanoTime() - t3);
        }
    }

    /** Finishes the MP4 (moving it to the target name). */
    @Override
    public void close() {
        if (writer != null) {
            long t = System.nanoTime();
            writer.close();
            timings.add("encode", System.nanoTime() - t);
        }
    }

    /**
     * Whose face GFPGAN restores when the call gives no faces per frame: RetinaFace on each frame,
     * as GFPGANer does; with given picture landmarks (synthetic weights), their five points in the
     * output frame.
     */
    private static FiveLandmarkDetector detector(Mode mode, SourceAnalysis face, FaceHints hints, int renderSize,
            Enhancer e) {
        if (hints == null || hints.sourceLandmarks() == null) {
            return e.retinaFace;
        }
        if (mode == Mode.FULL) {
            return FiveLandmarks.fixed(hints.sourceLandmarks(), 1, 1);
        }
        int[] size = ResizeFrames.outputSize(face.cropInfo().width(), face.cropInfo().height(), renderSize);
        return FiveLandmarks.fixed(face.landmarks68(), size[0] / (double) renderSize, size[1] / (double) renderSize);
    }

    /** GFPGAN with the RetinaFace detector it shares with the source-image analysis. */
    public static final class Enhancer implements AutoCloseable {
        private final GfpganEnhancer gfpgan;
        private final FiveLandmarkDetector retinaFace;
        private final NDManager manager;

        private Enhancer(GfpganEnhancer gfpgan, FiveLandmarkDetector retinaFace, NDManager manager) {
            this.gfpgan = gfpgan;
            this.retinaFace = retinaFace;
            this.manager = manager;
        }

        /** Loads GFPGAN and ParseNet onto {@code device}; faces are found with {@code analyzer}'s RetinaFace. */
        public static Enhancer load(Path modelsDir, SourceImageAnalyzer analyzer, ai.djl.Device device) {
            // the per-frame RetinaFace scopes live on the engine's device, as the detector's weights do
            NDManager m = sadtalker.nn.Torch.newManager(device);
            try {
                return new Enhancer(GfpganEnhancer.load(sadtalker.model.ModelFile.GFPGAN.in(modelsDir), sadtalker.model.ModelFile.PARSING.in(modelsDir), null, device),
                        FiveLandmarks.retinaFace(analyzer.detector(), m), m);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
        }

        /** GFPGAN's noise for the {@code face}-th restored face, one map per entry of {@code sizes}. */
        @FunctionalInterface
        interface Noise {
            List<float[]> maps(int face, int[] sizes);
        }

        /**
         * SadTalker's per-frame call (RGB in, RGB out at 2×) on the {@code given} faces, or (null) those
         * {@code detector} finds.
         */
        Image8 enhanceRgb(Image8 rgb, List<FaceDetection> given, FiveLandmarkDetector detector, Noise noise) {
            Image8 bgr = rgb.swapRedBlue();
            List<FaceDetection> found = given != null ? given : detector.detect(bgr);
            int[] sizes = gfpgan.noiseSizes();
            return gfpgan.enhance(bgr, found, (FaceNoise) k -> noise.maps(k, sizes)).image().swapRedBlue();
        }

        @Override
        public void close() {
            gfpgan.close();
            manager.close();
        }
    }
}
