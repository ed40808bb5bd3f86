package sadtalker.coeff;

import sadtalker.testkit.GeneratedParams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.audio.AudioDecoder;
import sadtalker.audio.AudioHParams;
import sadtalker.audio.MelSpectrogram;
import sadtalker.audio.MelWindows;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.Params;
import sadtalker.testkit.SafetensorsWriter;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;
import sadtalker.testkit.TorchWriter;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * The public entry on a synthetic {@code SadTalker_V0.0.2_256.safetensors} holding every audio key
 * of the manifest (detweights values named by the module keys, as the parity cases use them).
 */
class AudioToCoeffTest {
    private static final long SEED = 77;
    private static Manifest manifest;
    private static MelWindows mels;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        try (InputStream in = Files.newInputStream(
                SharedData.dir().resolve("parity/manifests/SadTalker_V0.0.2_256.safetensors.audio.json"))) {
            manifest = Manifest.read(in);
        }
        float[] wav = AudioDecoder.decode(SharedData.dir().resolve("examples/speech_en_16k.wav"));
        mels = MelWindows.of(Arrays.copyOf(wav, 16000 * 3 / 2 + 100), new MelSpectrogram(AudioHParams.SADTALKER));
    }

    private static Path writeCheckpoint(String name, String drop) throws Exception {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Manifest.Entry e : manifest.tensors()) {
            if (e.key().equals(drop)) {
                continue;
            }
            String moduleKey = e.key().substring(e.key().indexOf('.') + 1);     // without audio2exp./audio2pose.
            tensors.put(e.key(), Tensors.detweights(moduleKey, e.shape(), SEED));
        }
        Path file = dir.resolve(name);
        SafetensorsWriter.write(file, tensors);
        return file;
    }

    private static float[] source() {
        float[] c = new float[73];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) Math.sin(i * 0.37) * 0.3f;
        }
        return c;
    }

    @Test
    void the_checkpoint_loads_strictly_and_gives_the_networks_of_the_parity_stages() throws Exception {
        Path file = writeCheckpoint("full.safetensors", null);
        float[][] fromFile;
        float[][] fromGenerated;
        try (AudioToCoeff a = AudioToCoeff.load(file, ai.djl.Device.cpu())) {
            fromFile = a.generate(mels.values(), source(), 7, 1234);
        }
        NDManager m = Torch.newCpuManager();
        StateDict none = StateDict.of(Path.of("<none>"), "", Map.of());
        try (AudioToCoeff b = AudioToCoeff.of(m, GeneratedParams.of(SEED, "", none, m), GeneratedParams.of(SEED, "", none, m))) {
            fromGenerated = b.generate(mels.values(), source(), 7, 1234);
        }
        assertEquals(mels.numFrames(), fromFile.length);
        assertEquals(70, fromFile[0].length);
        for (int t = 0; t < fromFile.length; t++) {
            assertArrayEquals(fromGenerated[t], fromFile[t], "frame " + t);
            for (float v : fromFile[t]) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void the_legacy_pth_checkpoints_load_to_the_same_networks() throws Exception {
        Map<String, StoredTensor> exp = new LinkedHashMap<>();
        Map<String, StoredTensor> pose = new LinkedHashMap<>();
        for (Manifest.Entry e : manifest.tensors()) {
            String moduleKey = e.key().substring(e.key().indexOf('.') + 1);
            (e.key().startsWith("audio2exp.") ? exp : pose).put(moduleKey, Tensors.detweights(moduleKey, e.shape(), SEED));
        }
        Path expFile = dir.resolve("auido2exp_00300-model.pth");
        Path poseFile = dir.resolve("auido2pose_00140-model.pth");
        TorchWriter.writeZip(expFile, Map.of("epoch", 300, "model", TorchWriter.stateDict(exp)));
        TorchWriter.writeLegacy(poseFile, Map.of("epoch", 140, "model", TorchWriter.stateDict(pose)));
        float[][] legacy;
        try (AudioToCoeff a = AudioToCoeff.loadLegacy(expFile, poseFile, ai.djl.Device.cpu())) {
            legacy = a.generate(mels.values(), source(), 3, 99);
        }
        NDManager m = Torch.newCpuManager();
        StateDict none = StateDict.of(Path.of("<none>"), "", Map.of());
        try (AudioToCoeff b = AudioToCoeff.of(m, GeneratedParams.of(SEED, "", none, m), GeneratedParams.of(SEED, "", none, m))) {
            assertArrayEquals(b.generate(mels.values(), source(), 3, 99), legacy);
        }
    }

    @Test
    void a_missing_key_is_named() throws Exception {
        String key = "audio2pose.netG.decoder.MLP.L1.weight";
        Path file = writeCheckpoint("missing.safetensors", key);
        CheckpointException e = assertThrows(CheckpointException.class, () -> AudioToCoeff.load(file, ai.djl.Device.cpu()).close());
        assertTrue(e.getMessage().contains("netG.decoder.MLP.L1.weight") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    @Test
    void training_only_keys_may_be_absent() throws Exception {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Manifest.Entry e : manifest.tensors()) {
            if (e.used()) {
                tensors.put(e.key(), Tensors.detweights(e.key(), e.shape(), SEED));
            }
        }
        Path file = dir.resolve("used-only.safetensors");
        SafetensorsWriter.write(file, tensors);
        AudioToCoeff.load(file, ai.djl.Device.cpu()).close();
    }

    @Test
    void the_seed_decides_pose_and_blink_and_the_style_is_checked() throws Exception {
        NDManager m = Torch.newCpuManager();
        StateDict none = StateDict.of(Path.of("<none>"), "", Map.of());
        try (AudioToCoeff a = AudioToCoeff.of(m, GeneratedParams.of(SEED, "", none, m), GeneratedParams.of(SEED, "", none, m))) {
            float[][] one = a.generate(mels.values(), source(), 0, 1);
            float[][] same = a.generate(mels.values(), source(), 0, 1);
            float[][] other = a.generate(mels.values(), source(), 0, 2);
            assertArrayEquals(one, same);
            assertFalse(Arrays.deepEquals(one, other));
            assertThrows(IllegalArgumentException.class, () -> a.generate(mels.values(), source(), 46, 1));
            assertThrows(IllegalArgumentException.class, () -> a.generate(mels.values(), source(), -1, 1));

            float[][] ref = new float[4][73];
            for (int t = 0; t < 4; t++) {
                ref[t][64] = t;
            }
            float[][] moved = a.generate(mels.values(), source(), 0, 1, new AudioToCoeff.Options(true, null, ref));
            for (int t = 0; t < one.length; t++) {
                assertEquals(one[t][64] + (t % 4), moved[t][64], 1e-6, "frame " + t);
            }
        }
    }
}
