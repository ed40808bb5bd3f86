package sadtalker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.EngineOptions;
import sadtalker.MissingModelsException;
import sadtalker.parity.ParityCase;
import sadtalker.testing.Mp4Probe;
import sadtalker.testkit.SharedData;
import sadtalker.testkit.SpeechClips;
import sadtalker.testkit.SyntheticModels;

/**
 * The whole pipeline on CPU, both modes, from real-size synthetic checkpoints in the official
 * formats. Synthetic weights find no real face, so the face geometry is given: the landmarks the
 * original computed for {@code happy.png} (parity case {@code preprocess.crop_info--happy-full});
 * everything else runs for real, GFPGAN included.
 *
 * <p>The clip is two video frames (80 ms of speech): one frame is the shortest audio the pipeline
 * accepts (640 samples at 16 kHz), two let the renderer run one full batch of the default size 2.
 * At real size a frame costs tens of seconds of CPU, so this is the longest test of the suite.
 */
class SadTalkerEngineTest {
    @TempDir
    static Path tmp;

    private static SadTalkerEngine engine;
    private static Path audio;
    private static Path image;
    private static Path output;
    private static FaceHints hints;

    @BeforeAll
    static void load() throws IOException {
        Path models = SyntheticModels.write(tmp.resolve("models"), 3);
        output = Files.createDirectories(tmp.resolve("output"));
        image = SharedData.dir().resolve("examples/happy.png");
        audio = shortClip(tmp.resolve("speech.wav"), 2);
        hints = FaceHints.ofLandmarks(happyLandmarks());
        engine = SadTalkerEngine.load(EngineOptions.builder(models).outputDir(output).seed(7).build());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** The landmarks the original's detector found on happy.png, from the parity case. */
    private static float[] happyLandmarks() {
        try (ParityCase c = ParityCase.open(SharedData.dir().resolve("parity/cases/preprocess.crop_info--happy-full.safetensors"))) {
            StoredTensor lm = c.input("landmarks68");
            return lm.toFloatArray();
        }
    }

    /** {@code frames}·40 ms (+ 10 ms) of the example speech, after its first 125 ms of silence. */
    private static Path shortClip(Path target, int frames) throws IOException {
        return SpeechClips.write(target, 2000, frames * 640L + 160);
    }

    private static Set<String> sadtalkerTempDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".sadtalker-")).collect(Collectors.toSet());
        }
    }

    private static List<Path> outputs() throws IOException {
        try (Stream<Path> s = Files.list(output)) {
            return s.sorted().toList();
        }
    }

    @Test
    void both_modes_make_playable_videos_and_leave_nothing_behind() throws Exception {
        Set<String> tempBefore = sadtalkerTempDirs();
        List<String> stages = new java.util.concurrent.CopyOnWriteArrayList<>();

        GenerationResult crop = engine.generate(GenerationRequest.builder(audio, image, Mode.CROP).faces(hints)
                .progress((stage, f) -> stages.add(stage)).build());
        GenerationResult full = engine.generate(GenerationRequest.builder(audio, image, Mode.FULL).faces(hints).build());

        assertEquals(List.of(crop.output(), full.output()).stream().sorted().toList(), outputs());
        for (GenerationResult r : List.of(crop, full)) {
            assertTrue(r.output().getFileName().toString().matches("\\d{8}_\\d{6}_[0-9a-z]{6}\\.mp4"), r.output().toString());
            assertEquals(2, r.frames());
            Mp4Probe p = Mp4Probe.of(r.output());
            assertEquals(2, p.frames(), r.output() + ": " + p);
            assertEquals(25.0, p.fps(), 0.01);
            assertTrue(Math.abs(p.audioSeconds() - 2 / 25.0) <= 1 / 25.0, "audio within one frame of the video: " + p);
            assertTrue(r.timings().containsKey("render") && r.timings().containsKey("enhance"), r.timings().toString());
        }
        // GFPGAN upscales by 2: FULL is the whole 256×256 picture, CROP the face crop at 256 wide.
        Mp4Probe fullProbe = Mp4Probe.of(full.output());
        assertEquals(512, fullProbe.width());
        assertEquals(512, fullProbe.height());
        assertEquals(512, Mp4Probe.of(crop.output()).width());
        assertTrue(stages.containsAll(List.of("audio", "face", "coefficients", "render", "done")), stages.toString());
        // only this JVM's leftovers count: other processes on the machine (a CLI, another build) share the temp dir
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> left = new java.util.TreeSet<>(sadtalkerTempDirs());
        left.removeAll(tempBefore);
        left.removeIf(n -> !Files.exists(temp.resolve(n)) || WorkDir.lockedByAnotherProcess(temp.resolve(n)));
        assertEquals(Set.of(), left, "a work directory was left behind");
    }

    @Test
    void bad_input_is_refused_by_name_and_leaves_nothing() throws Exception {
        List<Path> before = outputs();
        Path notAudio = Files.writeString(tmp.resolve("notes.wav"), "not audio at all");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> engine.generate(notAudio, image, Mode.CROP));
        assertTrue(e.getMessage().contains("notes.wav"), e.getMessage());
        InvalidInputException noImage = assertThrows(InvalidInputException.class,
                () -> engine.generate(audio, tmp.resolve("missing.png"), Mode.FULL));
        assertTrue(noImage.getMessage().contains("missing.png"), noImage.getMessage());
        assertEquals(before, outputs());
    }

    @Test
    void draws_for_another_frame_count_are_refused_before_any_network_runs() throws Exception {
        List<Path> before = outputs();
        Draws threeFrames = Draws.builder(1).blinkRatio(new float[3]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.generate(
                GenerationRequest.builder(audio, image, Mode.CROP).faces(hints).draws(threeFrames).build()));
        assertEquals("the given blink ratio has 3 frames, the audio gives 2", e.getMessage());
        FaceHints oneFrame = FaceHints.builder().sourceLandmarks(happyLandmarks())
                .enhancerDetections(new float[15], 1, 1).build();
        IllegalArgumentException faces = assertThrows(IllegalArgumentException.class, () -> engine.generate(
                GenerationRequest.builder(audio, image, Mode.CROP).faces(oneFrame).build()));
        assertEquals("the given enhancer faces cover 1 frames, the audio gives 2", faces.getMessage());
        assertEquals(before, outputs());
    }

    @Test
    void missing_models_are_named_with_how_to_get_them() {
        MissingModelsException e = assertThrows(MissingModelsException.class,
                () -> SadTalkerEngine.load(EngineOptions.defaults(tmp.resolve("empty"))));
        assertEquals(7, e.missing().size());
        assertTrue(e.getMessage().contains("GFPGANv1.4.pth") && e.getMessage().contains("models download"), e.getMessage());
    }
}
