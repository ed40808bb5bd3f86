package sadtalker;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sadtalker.audio.AudioDecoder;
import sadtalker.audio.AudioException;
import sadtalker.audio.AudioHParams;
import sadtalker.audio.MelSpectrogram;
import sadtalker.audio.MelWindows;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.coeff.AudioToCoeff;
import sadtalker.face.align.CropMode;
import sadtalker.face.SourceAnalysis;
import sadtalker.face.SourceImageAnalyzer;
import sadtalker.face.ReconWeights;
import sadtalker.image.SourceImageException;
import sadtalker.image.SourceImageLoader;
import sadtalker.model.ModelCheck;
import sadtalker.model.ModelFile;
import sadtalker.nn.Torch;
import sadtalker.render.RendererWeights;
import sadtalker.video.ResizeFrames;

/**
 * SadTalker as a library: one face picture and one speech recording in, an MP4 of that face
 * speaking out. Every model is loaded once, at construction (both mapping networks, so
 * {@link Mode#FULL} and {@link Mode#CROP} calls can alternate without reloading); each file is
 * verified against its key manifest first.
 *
 * <p>{@link Mode#FULL} is the original's {@code --still --preprocess full --enhancer gfpgan},
 * {@link Mode#CROP} its {@code --preprocess crop --enhancer gfpgan}. The pipeline:
 * audio → mel windows → audio2exp / audio2pose coefficients; picture → face crop and 3DMM
 * coefficients; face renderer, in batches; per frame: resize to the crop's aspect, paste back into
 * the picture (FULL), GFPGAN; H.264 + AAC MP4. Frames stream from the renderer to the encoder, so
 * memory does not grow with the length of the audio.
 *
 * <p>Thread-safe: calls are serialised (one model set, one GPU). {@link #close()} frees the native
 * memory of every model.
 */
public final class SadTalkerEngine implements TalkingHeadGenerator {
    private final EngineOptions options;
    private final SourceImageAnalyzer analyzer;
    private final AudioToCoeff audioToCoeff;
    private final RenderStage renderer;
    private final FramePipeline.Enhancer enhancer;
    private final MelSpectrogram mel = new MelSpectrogram(AudioHParams.SADTALKER);
    private final OutputFiles outputs;
    private boolean closed;

    private SadTalkerEngine(EngineOptions options, SourceImageAnalyzer analyzer, AudioToCoeff audioToCoeff,
            RenderStage renderer, FramePipeline.Enhancer enhancer) {
        this.options = options;
        this.analyzer = analyzer;
        this.audioToCoeff = audioToCoeff;
        this.renderer = renderer;
        this.enhancer = enhancer;
        this.outputs = new OutputFiles(options.outputDir());
    }

    /**
     * Verifies and loads every model from {@code options.modelsDir()}.
     *
     * @throws MissingModelsException naming each missing file and how to get it
     * @throws ModelFileException naming a damaged or wrong file
     */
    public static SadTalkerEngine load(EngineOptions options) {
        try {
            return loadModels(options);
        } catch (CheckpointException e) {
            throw new ModelFileException(e.getMessage(), e);     // the public type; the readers' own stays internal
        }
    }

    private static SadTalkerEngine loadModels(EngineOptions options) {
        Path dir = options.modelsDir();
        // init_path's choice: the legacy .pth files or the safetensors file of the size
        List<ModelFile> needed = ModelFile.required(options.oldVersion(), options.size(), options.enhance());
        List<ModelFile> missing = needed.stream().filter(f -> !f.presentIn(dir)).toList();
        if (!missing.isEmpty()) {
            throw new MissingModelsException(dir, missing);
        }
        needed.forEach(f -> ModelCheck.verify(f.in(dir), f));
        WorkDir.removeStale(options.outputDir());
        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            boolean old = options.oldVersion();
            int size = options.size();
            ReconWeights recon = old ? ReconWeights.EPOCH_20 : size == 512 ? ReconWeights.SAFETENSORS_512 : ReconWeights.SAFETENSORS_256;
            SourceImageAnalyzer analyzer = track(loaded, SourceImageAnalyzer.load(dir, recon, options.faceThreshold(), options.device()));
            AudioToCoeff a2c = track(loaded, old
                    ? AudioToCoeff.loadLegacy(ModelFile.AUDIO2EXP_LEGACY.in(dir), ModelFile.AUDIO2POSE_LEGACY.in(dir), options.device())
                    : AudioToCoeff.load(ModelFile.safetensors(size).in(dir), options.device()));
            RenderStage renderer = track(loaded, RenderStage.load(dir, options.device(),
                    old ? RendererWeights.FACEVID2VID : RendererWeights.safetensors(size), size));
            FramePipeline.Enhancer enhancer = options.enhance()
                    ? track(loaded, FramePipeline.Enhancer.load(dir, analyzer, options.device()))
                    : null;
            return new SadTalkerEngine(options, analyzer, a2c, renderer, enhancer);
        } catch (RuntimeException e) {
            for (int i = loaded.size() - 1; i >= 0; i--) {
                try {
                    loaded.get(i).close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> loaded, T resource) {
        loaded.add(resource);
        return resource;
    }

    /** The options this engine was built with. */
    public EngineOptions options() {
        return options;
    }

    @Override
    public GenerationResult generate(Path audio, Path image, Mode mode, ProgressListener progress) {
        return generate(GenerationRequest.builder(audio, image, mode).progress(progress).build());
    }

    /**
     * Generates one video into the configured output directory, with the request's draws (else
     * drawn from {@link EngineOptions#seed()}), given faces and tap.
     *
     * @throws InvalidInputException when the audio or image cannot be used (not worth retrying)
     * @throws IllegalArgumentException when given draws or faces do not fit the audio's frame count
     */
    public synchronized GenerationResult generate(GenerationRequest request) {
        InputCheck.of(options).inputs(request.audio(), request.image()); // the shells' own check: refuse at once, before any work
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        Path audio = request.audio();
        Mode mode = request.mode();
        ProgressListener progress = request.progress();
        StageTap tap = request.tap();
        FaceHints hints = request.faces();
        Draws draws = request.draws() != null ? request.draws() : Draws.seeded(options.seed());
        Timings t = new Timings();
        // The work directory sits in the output directory (hidden), so publishing the finished MP4 is
        // an atomic link on the same file system; it is deleted however the call ends.
        try (WorkDir work = WorkDir.create(options.outputDir()); NDManager scope = Torch.newManager(options.device())) {
            progress.progress("audio", 0.0);
            t.begin("audio");
            float[] wav = decode(audio);
            MelWindows mels = melWindows(audio, wav);
            draws.checkFrames(mels.numFrames());
            if (hints != null) {
                hints.checkFrames(mels.numFrames());
            }

            progress.progress("face", 0.05);
            t.begin("face");
            SourceAnalysis face = analyze(request.image(), mode, hints);
            if (tap != StageTap.NONE) {
                tapFace(tap, face);
            }

            progress.progress("coefficients", 0.15);
            t.begin("coefficients");
            float[][] coeffs = audioToCoeff.generate(mels.values(), face.coeff3dmm(), options.poseStyle(), draws::blinkRatio,
                    draws.poseLatents(), AudioToCoeff.Options.DEFAULT);
            if (tap != StageTap.NONE) {
                tap.coeff3dmm(copy(coeffs));
            }

            progress.progress("render", 0.2);
            t.begin("render");
            Path part = work.file("video.mp4");
            int frames;
            try (FramePipeline frameSink = new FramePipeline(mode, face, enhancer, options, wav,
                    AudioHParams.SADTALKER.sampleRate(), part, t, draws, hints, tap)) {
                frames = renderer.render(mode, coeffs, face, options.batchSize(), scope,
                        (done, total, rendered) -> {
                            if (tap != StageTap.NONE) {
                                tapRendered(tap, done, rendered);
                            }
                            frameSink.accept(rendered);
                            progress.progress("render", 0.2 + 0.8 * done / total);
                        });
            }
            t.begin("publish");
            Path output = outputs.publish(part);
            progress.progress("done", 1.0);
            return new GenerationResult(output, frames, Duration.ofMillis(frames * 40L), t.timings());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result in " + options.outputDir() + ": " + e.getMessage(), e);
        }
    }

    private static void tapFace(StageTap tap, SourceAnalysis face) {
        tap.firstCoeff(face.coeff3dmm().clone());
        tap.full3dmm(face.full3dmm().clone());
        var info = face.cropInfo();
        tap.cropInfo(new int[] {info.width(), info.height()}, info.crop() == null ? null : info.crop().clone(),
                face.quad() == null ? null : face.quad().clone());
        tap.cropFrame(face.frame());
    }

    /** The batch of rendered frames {@code (k, 3, 256, 256)} ending at frame {@code done}, as uint8. */
    private static void tapRendered(StageTap tap, int done, NDArray rendered) {
        int k = (int) rendered.getShape().get(0);
        int h = (int) rendered.getShape().get(2);
        int w = (int) rendered.getShape().get(3);
        int plane = 3 * h * w;
        // host: a tap receives pixels in Java; only asked for when a tap is set
        float[] all = rendered.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < k; i++) {
            tap.renderFrame(done - k + i, ResizeFrames.toUint8(Arrays.copyOfRange(all, i * plane, (i + 1) * plane), h, w));
        }
    }

    private static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    private float[] decode(Path audio) {
        try {
            return AudioDecoder.decode(audio, options.maxAudioSeconds());
        } catch (AudioException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    private MelWindows melWindows(Path audio, float[] wav) {
        try {
            return MelWindows.of(wav, mel);
        } catch (AudioException e) {
            throw new InvalidInputException(audio.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private SourceAnalysis analyze(Path image, Mode mode, FaceHints hints) {
        CropMode crop = mode == Mode.FULL ? CropMode.FULL : CropMode.CROP;
        try {
            return analyzer.analyze(SourceImageLoader.load(image), image, crop, renderer.size(),
                    hints == null ? null : hints.geometry());
        } catch (SourceImageException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        renderer.close();
        audioToCoeff.close();
        if (enhancer != null) {
            enhancer.close();
        }
        analyzer.close();
    }

}
