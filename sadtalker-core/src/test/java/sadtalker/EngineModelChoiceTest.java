package sadtalker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.model.ModelFile;
import sadtalker.parity.E2eModels;
import sadtalker.parity.ParityCase;
import sadtalker.testing.Mp4Probe;
import sadtalker.testkit.SharedData;
import sadtalker.testkit.SpeechClips;
import sadtalker.testkit.SyntheticModels;

/**
 * {@code size} and {@code oldVersion} pick the files SadTalker's init_path picks and reach every
 * place the image size matters: with synthetic models (GFPGAN off, so the video is the renderer's
 * frames resized to the crop's aspect), a 512 run crops at 512, renders 512 frames and resizes at
 * 512 (a 512-wide crop-mode video), and an {@code --old_version} run loads and renders from the
 * four legacy files alone.
 */
class EngineModelChoiceTest {
    private static final long SEED = 1;

    @TempDir
    Path tmp;

    @Test
    void sizes_other_than_256_and_512_are_refused_with_the_shells_message() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.builder(tmp).size(384).build());
        assertEquals("size must be 256 or 512 (the SadTalker_V0.0.2_<size>.safetensors checkpoints), got 384", e.getMessage());
        assertEquals(e.getMessage(), EngineOptions.sizeProblem(384));
        EngineOptions d = EngineOptions.defaults(tmp);
        assertEquals(256, d.size());
        assertTrue(!d.oldVersion());
        assertEquals(512, d.toBuilder().size(512).build().size());
        assertTrue(d.toBuilder().oldVersion(true).build().toBuilder().build().oldVersion());
    }

    @Test
    void missing_legacy_or_512_files_are_named() {
        MissingModelsException old = assertThrows(MissingModelsException.class,
                () -> SadTalkerEngine.load(EngineOptions.builder(tmp.resolve("empty")).oldVersion(true).enhance(false).build()));
        assertEquals(List.of("auido2exp_00300-model.pth", "auido2pose_00140-model.pth", "facevid2vid_00189-model.pth.tar",
                "epoch_20.pth", "mapping_00109-model.pth.tar", "mapping_00229-model.pth.tar", "detection_Resnet50_Final.pth",
                "alignment_WFLW_4HG.pth"), old.missing());
        MissingModelsException big = assertThrows(MissingModelsException.class,
                () -> SadTalkerEngine.load(EngineOptions.builder(tmp.resolve("empty")).size(512).enhance(false).build()));
        assertEquals("SadTalker_V0.0.2_512.safetensors", big.missing().get(0));
        assertTrue(big.getMessage().contains("v0.0.2-rc/SadTalker_V0.0.2_512.safetensors"), big.getMessage());
    }

    @Test
    void a_512_run_crops_renders_and_resizes_at_512() throws Exception {
        Path models = linked(ModelFile.MAPPING_FULL, ModelFile.MAPPING_CROP, ModelFile.DETECTION, ModelFile.ALIGNMENT);
        // SyntheticModels writes the 512 file from the 256 manifests and the same seed: the same
        // bytes as the cached 256 file, so a link under the 512 name stands for it. No 256 file: the run must not need it.
        Files.createSymbolicLink(ModelFile.SADTALKER_512.in(models), E2eModels.dir(SEED, ModelFile.SADTALKER)
                .resolve(ModelFile.SADTALKER.fileName()));
        assertEquals(512, Mp4Probe.of(generate(models, b -> b.size(512))).width());
    }

    @Test
    void an_old_version_run_uses_only_the_legacy_files() throws Exception {
        Path models = linked(ModelFile.MAPPING_FULL, ModelFile.MAPPING_CROP, ModelFile.DETECTION, ModelFile.ALIGNMENT);
        for (ModelFile f : List.of(ModelFile.AUDIO2EXP_LEGACY, ModelFile.AUDIO2POSE_LEGACY, ModelFile.FACEVID2VID_LEGACY,
                ModelFile.RECON_LEGACY)) {
            SyntheticModels.write(models, f, SEED);
        }
        Mp4Probe p = Mp4Probe.of(generate(models, b -> b.oldVersion(true)));
        assertEquals(1, p.frames());
        assertEquals(256, p.width());
    }

    /** A crop-mode video of one frame (batch 1), GFPGAN off, with the landmarks the original found on happy.png. */
    private Path generate(Path models, java.util.function.UnaryOperator<EngineOptions.Builder> settings) throws IOException {
        Path output = Files.createDirectories(tmp.resolve("output"));
        Path audio = SpeechClips.write(tmp.resolve("speech.wav"), 2000, 640L + 160);
        EngineOptions options = settings.apply(EngineOptions.builder(models).outputDir(output).enhance(false).seed(7).batchSize(1)).build();
        try (SadTalkerEngine engine = SadTalkerEngine.load(options)) {
            GenerationResult r = engine.generate(GenerationRequest.builder(audio, SharedData.dir().resolve("examples/happy.png"), Mode.CROP)
                    .faces(FaceHints.ofLandmarks(happyLandmarks())).build());
            assertEquals(1, r.frames());
            return r.output();
        }
    }

    /** A models directory of links to the cached synthetic files (written once per seed under target/). */
    private Path linked(ModelFile... files) throws IOException {
        Path cache = E2eModels.dir(SEED, files);
        Path models = Files.createDirectories(tmp.resolve("models"));
        for (ModelFile f : files) {
            Files.createSymbolicLink(f.in(models), f.in(cache));
        }
        return models;
    }

    private static float[] happyLandmarks() {
        try (ParityCase c = ParityCase.open(SharedData.dir().resolve("parity/cases/preprocess.crop_info--happy-full.safetensors"))) {
            StoredTensor lm = c.input("landmarks68");
            return lm.toFloatArray();
        }
    }
}
