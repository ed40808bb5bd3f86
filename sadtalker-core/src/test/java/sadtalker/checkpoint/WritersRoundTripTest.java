package sadtalker.checkpoint;

import sadtalker.testkit.SafetensorsWriter;
import sadtalker.testkit.TorchWriter;
import sadtalker.testkit.Tensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.testkit.SharedData;

/**
 * Synthetic checkpoints with an official file's keys (from its manifest), written in its container
 * format, read back by the readers; and corrupted safetensors files refused by name.
 */
class WritersRoundTripTest {
    @TempDir
    Path tmp;

    private static Manifest manifest(String name) throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.dir().resolve("parity/manifests/" + name))) {
            return Manifest.read(in);
        }
    }

    private static Map<String, StoredTensor> synthetic(Manifest m, String strip, long seed) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Manifest.Entry e : m.tensors()) {
            out.put(e.key(), Tensors.detweights(e.key().substring(strip.length()), e.shape(), seed));
        }
        return out;
    }

    private static void assertSame(Map<String, StoredTensor> want, StateDict got, String strip) {
        assertEquals(want.size(), got.tensors().size());
        want.forEach((k, t) -> {
            StoredTensor g = got.get(k.substring(strip.length()));
            assertArrayEquals(t.shape(), g.shape(), k);
            assertEquals(t.dtype(), g.dtype(), k);
            if (t.dtype().isFloat()) {
                assertArrayEquals(t.toFloatArray(), g.toFloatArray(), 0f, k);
            } else {
                assertArrayEquals(t.toLongArray(), g.toLongArray(), k);
            }
        });
    }

    @Test
    void training_checkpoint_in_zip_format() throws IOException {
        Manifest m = manifest("mapping_00229-model.pth.tar.json");
        Map<String, StoredTensor> sd = synthetic(m, "", 229);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mapping", TorchWriter.stateDict(sd));
        root.put("optimizer_mapping", Map.of("param_groups", List.of(Map.of("lr", 1e-4, "betas", new Object[] {0.9, 0.999}))));
        root.put("epoch", 229);
        Path file = tmp.resolve(m.file());
        TorchWriter.writeZip(file, root);
        try (Checkpoint c = Checkpoint.open(file)) {
            assertTrue(c instanceof TorchZipFile);
            assertSame(sd, StateDict.of(c, m.container()), "");
            assertEquals(229, ((Number) ((Map<?, ?>) c.root()).get("epoch")).intValue());
        }
    }

    @Test
    void data_parallel_state_dict_in_legacy_format() throws IOException {
        Manifest m = manifest("detection_Resnet50_Final.pth.json");
        Map<String, StoredTensor> sd = synthetic(m, "module.", 5);
        Path file = tmp.resolve(m.file());
        TorchWriter.writeLegacy(file, TorchWriter.stateDict(sd));
        try (Checkpoint c = Checkpoint.open(file)) {
            assertTrue(c instanceof TorchLegacyFile);
            assertSame(sd, StateDict.of(c, ""), "module.");
        }
    }

    @Test
    void several_networks_in_one_safetensors_file() throws IOException {
        Manifest m = manifest("SadTalker_V0.0.2_256.safetensors.audio.json");
        Map<String, StoredTensor> all = synthetic(m, "", 1);
        Path file = tmp.resolve(m.file());
        SafetensorsWriter.write(file, all);
        try (Checkpoint c = Checkpoint.open(file)) {
            for (String prefix : m.prefixes()) {
                Map<String, StoredTensor> part = new LinkedHashMap<>();
                all.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        part.put(k, v);
                    }
                });
                assertSame(part, StateDict.of(c, prefix), prefix);
            }
        }
    }

    @Test
    void half_precision_types_through_safetensors() throws IOException {
        // The zip sample holds F16, BF16, I64 and strided views; safetensors must carry the same values.
        Map<String, StoredTensor> source = new LinkedHashMap<>();
        try (Checkpoint c = Checkpoint.open(SharedData.checkpoints().resolve("views_zip.pth"))) {
            StateDict.of(c, "params_ema").tensors().forEach((k, t) -> source.put(k, Tensors.of(t.dtype(), t.shape(), bytes(t))));
        }
        Path file = tmp.resolve("types.safetensors");
        SafetensorsWriter.write(file, source);
        try (Checkpoint c = Checkpoint.open(file)) {
            StateDict back = StateDict.of(c, "");
            assertEquals(DType.F16, back.get("half.weight").dtype());
            assertEquals(DType.BF16, back.get("bf16.weight").dtype());
            assertSame(source, back, "");
        }
    }

    private static byte[] bytes(StoredTensor t) {
        ByteBuffer b = t.bytes();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private Path safetensors(byte[] header, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Path f = tmp.resolve("broken.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void corrupt_safetensors_are_refused_by_name() throws IOException {
        String[] headers = {
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}",   // past the data: truncated
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",    // size disagrees with shape
            "{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}",     // unknown dtype
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]",                             // not JSON
        };
        for (String h : headers) {
            Path f = safetensors(h.getBytes(java.nio.charset.StandardCharsets.UTF_8), 8);
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(f).close(), h);
            assertTrue(e.getMessage().startsWith("broken.safetensors: "), e.getMessage());
        }
        Path lying = tmp.resolve("lying.safetensors");
        Files.write(lying, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put((byte) '{').array());
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(lying).close());
        assertTrue(e.getMessage().startsWith("lying.safetensors: "), e.getMessage());
    }
}
