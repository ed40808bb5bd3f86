package sadtalker.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.DType;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.Storage;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.model.ModelCheck;
import sadtalker.model.ModelFile;
import sadtalker.nn.Torch;
import sadtalker.testkit.DetWeights;
import sadtalker.testkit.SafetensorsWriter;
import sadtalker.testkit.Tensors;
import sadtalker.testkit.TorchWriter;

/**
 * The {@code --old_version} renderer file {@code facevid2vid_00189-model.pth.tar} (a pickle whose
 * top-level dict holds {@code generator}, {@code kp_detector} and {@code he_estimator} state dicts)
 * loads into the same networks as the safetensors file: written here from the same tensors as a
 * synthetic {@code SadTalker_V0.0.2_256.safetensors}, both give the same state dicts tensor by
 * tensor and the same keypoints, and a missing or mis-shaped key is refused by file and key.
 */
class LegacyFaceRendererLoadTest {
    private static final String LEGACY = RendererWeights.FACEVID2VID.fileName();
    private static final String MISSING_KP_KEY = "kp.weight";
    private static final String WRONG_HE_KEY = "he_estimator.fc_roll.bias";

    @TempDir
    static Path models;

    @TempDir
    static Path broken;

    /** Each tensor filled with a constant of its own safetensors key: a key mapped wrong shows in the values. */
    private static StoredTensor constant(String key, long[] shape, DType dtype) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        float value = (float) (DetWeights.uniform(key, 3, 0) * 0.1);
        Storage s = new Storage(Path.of("<constant>"), key, dtype, numel, (offset, length) -> {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN);
            while (b.remaining() >= 4) {
                b.putFloat(value);
            }
            return b.flip();
        });
        return StoredTensor.contiguous(s, shape);
    }

    @BeforeAll
    static void writeModels() throws IOException {
        // One set of tensors under the safetensors keys; the legacy file's dicts are the same objects.
        Map<String, StoredTensor> safetensors = new LinkedHashMap<>();
        for (Manifest.Entry e : ModelFile.SADTALKER.manifests().get(2).tensors()) {
            safetensors.put(e.key(), constant(e.key(), e.shape(), e.dtype()));
        }
        SafetensorsWriter.write(models.resolve(RendererWeights.SAFETENSORS_256.fileName()), safetensors);
        Manifest legacy = ModelFile.FACEVID2VID_LEGACY.manifests().get(0);
        writeLegacy(models.resolve(LEGACY), legacy, safetensors, null, null);
        writeLegacy(broken.resolve(LEGACY), legacy, safetensors, "kp_detector." + MISSING_KP_KEY, WRONG_HE_KEY);
        for (Path dir : new Path[] {models, broken}) {
            writeMapping(dir.resolve(RenderMode.CROP.mappingFile()));
        }
    }

    /** The legacy layout from the safetensors tensors; optionally without one key and with one shape wrong. */
    private static void writeLegacy(Path file, Manifest m, Map<String, StoredTensor> safetensors, String drop,
            String misshape) throws IOException {
        Map<String, Map<String, StoredTensor>> dicts = new LinkedHashMap<>();
        m.nested().forEach(top -> dicts.put(top, new LinkedHashMap<>()));
        for (Manifest.Entry e : m.tensors()) {
            if (e.key().equals(drop)) {
                continue;
            }
            String top = e.key().substring(0, e.key().indexOf('.'));
            String own = e.key().substring(top.length() + 1);
            StoredTensor t = switch (top) {
                case "generator" -> safetensors.get("generator." + own);
                case "kp_detector" -> safetensors.get("kp_extractor." + own);
                default -> constant(e.key(), e.key().equals(misshape) ? new long[] {e.shape()[0] + 1} : e.shape(), e.dtype());
            };
            dicts.get(top).put(own, t);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        dicts.forEach((top, sd) -> root.put(top, TorchWriter.stateDict(sd)));
        root.put("epoch", 189);
        root.put("optimizer_generator", Map.of("param_groups", java.util.List.of(Map.of("lr", 2e-4))));
        TorchWriter.writeZip(file, root);
    }

    private static void writeMapping(Path file) throws IOException {
        Map<String, StoredTensor> sd = new LinkedHashMap<>();
        for (Manifest.Entry e : ModelFile.MAPPING_CROP.manifests().get(0).tensors()) {
            sd.put(e.key(), Tensors.detweights(e.key(), e.shape(), 229));
        }
        TorchWriter.writeZip(file, Map.of("mapping", TorchWriter.stateDict(sd), "epoch", 229));
    }

    @Test
    void the_legacy_file_gives_the_safetensors_tensors_key_by_key() {
        try (Checkpoint st = Checkpoint.open(models.resolve(RendererWeights.SAFETENSORS_256.fileName()));
                Checkpoint old = Checkpoint.open(models.resolve(LEGACY))) {
            FaceRenderers.Networks a = FaceRenderers.networks(st, RendererWeights.SAFETENSORS_256);
            FaceRenderers.Networks b = FaceRenderers.networks(old, RendererWeights.FACEVID2VID);
            assertEquals(75, b.kpDetector().tensors().size());
            assertEquals(386, b.generator().tensors().size());
            assertSame(a.kpDetector().tensors(), b.kpDetector().tensors());
            assertSame(a.generator().tensors(), b.generator().tensors());
        }
    }

    private static void assertSame(Map<String, StoredTensor> expected, Map<String, StoredTensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key).shape(), actual.get(key).shape(), key);
            assertArrayEquals(expected.get(key).toFloatArray(), actual.get(key).toFloatArray(), 0f, key);
        }
    }

    @Test
    void both_files_load_strictly_and_find_the_same_keypoints() {
        try (FaceRenderers st = FaceRenderers.load(models, Device.cpu(), RendererWeights.SAFETENSORS_256, RenderMode.CROP);
                FaceRenderers old = FaceRenderers.load(models, Device.cpu(), RendererWeights.FACEVID2VID, RenderMode.CROP);
                NDManager m = Torch.newCpuManager()) {
            // 128 pixels: the smallest the detector's 5 down-blocks after its 0.25 anti-alias allow
            NDArray image = m.randomUniform(0f, 1f, new Shape(1, 3, 128, 128));
            float[] expected = st.get(RenderMode.CROP).animation().kpDetector().forward(image).toFloatArray();
            float[] actual = old.get(RenderMode.CROP).animation().kpDetector().forward(image).toFloatArray();
            assertNotEquals(0f, expected[0]);
            assertArrayEquals(expected, actual, 0f);
        }
    }

    @Test
    void the_legacy_file_matches_its_manifest_he_estimator_included() {
        assertDoesNotThrow(() -> ModelCheck.verify(models.resolve(LEGACY), ModelFile.FACEVID2VID_LEGACY));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> ModelCheck.verify(broken.resolve(LEGACY), ModelFile.FACEVID2VID_LEGACY));
        assertTrue(e.getMessage().startsWith(LEGACY + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("missing kp_detector." + MISSING_KP_KEY), e.getMessage());
        assertTrue(e.getMessage().contains(WRONG_HE_KEY + " has shape"), e.getMessage());
        assertTrue(e.getMessage().contains("models download " + LEGACY), e.getMessage());
    }

    @Test
    void a_legacy_file_without_the_head_pose_estimator_is_refused(@TempDir Path dir) throws IOException {
        // SadTalker's strict load_state_dict(checkpoint['he_estimator']) fails on such a file too
        StoredTensor t = Tensors.detweights("kp.weight", new long[] {2}, 1);
        TorchWriter.writeZip(dir.resolve(LEGACY), Map.of("generator", TorchWriter.stateDict(Map.of("first.conv.weight", t)),
                "kp_detector", TorchWriter.stateDict(Map.of("kp.weight", t))));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FaceRenderers.load(dir, Device.cpu(), RendererWeights.FACEVID2VID, RenderMode.CROP));
        assertTrue(e.getMessage().contains(LEGACY) && e.getMessage().contains("no state dict under 'he_estimator'"),
                e.getMessage());
    }

    @Test
    void a_key_missing_from_the_legacy_file_is_named_by_the_loader() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FaceRenderers.load(broken, Device.cpu(), RendererWeights.FACEVID2VID, RenderMode.CROP));
        assertTrue(e.getMessage().contains(LEGACY), e.getMessage());
        assertTrue(e.getMessage().contains("[kp_detector]") && e.getMessage().contains("missing [" + MISSING_KP_KEY + "]"),
                e.getMessage());
    }
}
