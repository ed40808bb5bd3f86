package sadtalker.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sadtalker.Draws;
import sadtalker.EngineOptions;
import sadtalker.FaceHints;
import sadtalker.GenerationRequest;
import sadtalker.GenerationResult;
import sadtalker.Mode;
import sadtalker.SadTalkerEngine;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.model.ModelFile;

/**
 * Runs an end-to-end case ({@code e2e.full} / {@code e2e.crop}) through
 * {@link SadTalkerEngine#generate(GenerationRequest)} itself: the engine loaded from the case's
 * {@code synthetic-models:<seed>} ({@link E2eModels}; one engine per seed and configuration,
 * shared by the cases), the case's files written under their original names, its draws
 * ({@link Draws}) and faces ({@link FaceHints}) handed over in the request, every compared point
 * taken by an {@link E2eTap}. Each listed output gives one check; the written MP4 is decoded and
 * compared with the case's {@code frames} ({@link Mp4Frames}).
 */
final class E2eRunner {
    /**
     * The decoded MP4 against the case's final frames. OpenH264 at the writer's rate (about 0.2 bit
     * per pixel) on these synthetic-weight frames measured 33.0 dB (crop, 3 frames 508×512) and
     * 35.0 dB (full, 5 frames 1024×1024); the bound leaves room for codec builds to differ.
     */
    static final double MIN_MP4_PSNR_DB = 30;

    private static final Map<String, SadTalkerEngine> ENGINES = new HashMap<>();

    private E2eRunner() {}

    /** The checks of case {@code c}, one per listed output and one for the MP4, in pipeline order. */
    static List<E2eCase.OutputCheck> run(E2eCase c, Path work) throws IOException {
        Mode mode = mode(c);
        Path in = Files.createDirectories(work.resolve("in"));
        Path audio = c.writeInput("audio_bytes", in, c.audioName());
        Path image = c.writeInput("image_bytes", in, c.imageName());
        E2eTap tap = new E2eTap();
        GenerationRequest request = GenerationRequest.builder(audio, image, mode)
                .draws(draws(c)).faces(faces(c)).tap(tap).build();
        GenerationResult result = engine(c).generate(request);
        StringBuilder times = new StringBuilder();
        result.timings().forEach((stage, d) -> times.append(String.format(" %s %.1f s", stage, d.toNanos() / 1e9)));
        System.out.println("e2e: " + c.stage() + "--" + c.name() + " engine stages:" + times);
        try {
            List<E2eCase.OutputCheck> checks = new ArrayList<>();
            if (result.frames() != c.numFrames()) {
                checks.add(new E2eCase.OutputCheck(c, "num_frames", false,
                        "the engine made " + result.frames() + " frames, the original " + c.numFrames()));
            }
            for (String output : c.outputs()) {
                checks.add(tap.check(c, output));
            }
            checks.add(Mp4Frames.check(c, result.output(), MIN_MP4_PSNR_DB));
            return checks;
        } finally {
            Files.deleteIfExists(result.output());
        }
    }

    /** {@code e2e.full} is {@code --still --preprocess full}, {@code e2e.crop} {@code --preprocess crop}; nothing else yet. */
    private static Mode mode(E2eCase c) {
        Mode mode = switch (c.mode()) {
            case "full" -> Mode.FULL;
            case "crop" -> Mode.CROP;
            default -> throw new IllegalArgumentException(c.file().getFileName() + ": mode " + c.mode() + " has no engine mode");
        };
        boolean still = mode == Mode.FULL;
        if (!c.preprocess().equals(c.mode()) || c.still() != still || c.expressionScale() != 1.0 || c.size() != 256
                || !"gfpgan".equals(c.config().path("enhancer").asText())) {
            throw new IllegalArgumentException(c.file().getFileName() + ": the engine's " + mode + " mode is preprocess "
                    + c.mode() + ", still " + still + ", expression scale 1, size 256, enhancer gfpgan; the case has "
                    + c.config());
        }
        return mode;
    }

    private static Draws draws(E2eCase c) {
        List<float[]> noise = new ArrayList<>();
        StoredTensor first = c.input("gfpgan_noise0");
        for (int layer = 0; c.inputs().contains("gfpgan_noise" + layer); layer++) {
            noise.add(c.input("gfpgan_noise" + layer).toFloatArray());
        }
        return Draws.builder(0)
                .blinkRatio(c.input("blink_ratio").toFloatArray())
                .poseLatents(c.rows("pose_latents"))
                .gfpganNoise(noise, (int) first.shape()[0], (int) first.shape()[1])
                .build();
    }

    private static FaceHints faces(E2eCase c) {
        StoredTensor det = c.input("enhancer_detections");
        return FaceHints.builder()
                .sourceLandmarks(c.input("landmarks_source").toFloatArray())
                .frameLandmarks(c.input("landmarks_frame").toFloatArray())
                .enhancerDetections(det.toFloatArray(), (int) det.shape()[0], (int) det.shape()[1])
                .build();
    }

    /** One engine per models seed, batch size and pose style, kept for the run's other cases. */
    private static synchronized SadTalkerEngine engine(E2eCase c) {
        String key = c.seed() + "/" + c.batchSize() + "/" + c.poseStyle();
        SadTalkerEngine e = ENGINES.get(key);
        if (e == null) {
            Path models = E2eModels.dir(c.seed(), ModelFile.values());
            Path out;
            try {
                out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-out-");
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            long t0 = System.nanoTime();
            e = SadTalkerEngine.load(EngineOptions.builder(models).outputDir(out).batchSize(c.batchSize())
                    .poseStyle(c.poseStyle()).enhance(true).build());
            System.out.printf("e2e: engine for models seed %d loaded in %.1f s%n", c.seed(), (System.nanoTime() - t0) / 1e9);
            ENGINES.put(key, e);
        }
        return e;
    }

    /** Closes the shared engines and removes their (emptied) output directories. */
    static synchronized void closeEngines() {
        for (SadTalkerEngine e : ENGINES.values()) {
            Path out = e.options().outputDir();
            e.close();
            try (var s = Files.list(out)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // target/ only; the next build cleans it
            }
        }
        ENGINES.clear();
    }
}
