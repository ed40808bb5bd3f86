package sadtalker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/** Every sample of {@code shared/parity/checkpoints} against its {@code expected.json} entry. */
class CheckpointReadersTest {
    private static final Path DIR = SharedData.checkpoints();

    @TestFactory
    Stream<DynamicTest> every_sample_reads_as_expected() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(DIR.resolve(e.getKey()), e.getValue())));
        }
        assertFalse(tests.isEmpty(), "expected.json lists no files");
        return tests.stream();
    }

    private static void check(Path file, JsonNode spec) {
        String strip = spec.path("strip_prefix").asText("");
        try (Checkpoint c = Checkpoint.open(file); NDManager m = Torch.newCpuManager()) {
            StateDict dict = StateDict.of(c, spec.path("container").asText(""));
            JsonNode tensors = spec.get("tensors");
            assertEquals(tensors.size(), dict.tensors().size(), "tensor count of " + file.getFileName());
            for (Iterator<Map.Entry<String, JsonNode>> it = tensors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().startsWith(strip) ? e.getKey().substring(strip.length()) : e.getKey();
                StoredTensor t = dict.get(key);
                JsonNode want = e.getValue();
                assertEquals(dtypeOf(want.get("dtype").asText()), t.dtype(), key + " dtype");
                long[] shape = new long[want.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = want.get("shape").get(i).asLong();
                }
                // prefixed.safetensors stores num_batches_tracked as [1] where the module has []:
                // load_state_dict's 0.3-compatibility rule, which Params applies too.
                assertTrue(java.util.Arrays.equals(shape, t.shape()) || Params.matches(t.shape(), shape),
                        key + " shape " + java.util.Arrays.toString(t.shape()));
                JsonNode values = want.get("values");
                // the Java arrays and the tensor copied into libtorch (the loading path) both hold the values
                NDArray loaded = t.toNDArray(m);
                assertArrayEquals(t.shape(), loaded.getShape().getShape(), key + " loaded shape");
                if (t.dtype().isFloat()) {
                    assertFloats(values, t.toFloatArray(), key);
                    assertFloats(values, loaded.toType(DataType.FLOAT32, false).toFloatArray(), key + " loaded");
                } else {
                    assertLongs(values, t.toLongArray(), key);
                    assertLongs(values, loaded.toLongArray(), key + " loaded");
                }
            }
        }
    }

    private static void assertFloats(JsonNode values, float[] got, String key) {
        assertEquals(values.size(), got.length, key + " element count");
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) values.get(i).asDouble(), got[i], 0f, key + "[" + i + "]");
        }
    }

    private static void assertLongs(JsonNode values, long[] got, String key) {
        assertEquals(values.size(), got.length, key + " element count");
        for (int i = 0; i < got.length; i++) {
            assertEquals(values.get(i).asLong(), got[i], key + "[" + i + "]");
        }
    }

    private static DType dtypeOf(String torchName) {
        return switch (torchName) {
            case "float32" -> DType.F32;
            case "float16" -> DType.F16;
            case "bfloat16" -> DType.BF16;
            case "float64" -> DType.F64;
            case "int64" -> DType.I64;
            default -> throw new AssertionError("dtype " + torchName + " not covered by this test");
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostile_global.pth", "truncated_zip.pth", "not_a_checkpoint.pth", "no_such_file.pth"})
    void bad_files_are_refused_with_their_name(String name) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(DIR.resolve(name)).close());
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
    }

    @Test
    void hostile_global_is_named_and_never_resolved() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.open(DIR.resolve("hostile_global.pth")));
        assertTrue(e.getMessage().contains("'posix.system'"), e.getMessage());
    }

    @Test
    void truncated_zip_says_it_is_incomplete() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.open(DIR.resolve("truncated_zip.pth")));
        assertTrue(e.getMessage().contains("not a complete zip archive"), e.getMessage());
    }

    @Test
    void training_checkpoint_keeps_its_other_entries() {
        try (Checkpoint c = Checkpoint.open(DIR.resolve("training_checkpoint.pth.tar"))) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            assertEquals(109, ((Number) root.get("epoch")).intValue());
            assertTrue(root.containsKey("optimizer_mapping"));
            CheckpointException e = assertThrows(CheckpointException.class, () -> StateDict.of(c, "params_ema"));
            assertTrue(e.getMessage().contains("'params_ema'") && e.getMessage().contains("mapping"), e.getMessage());
        }
    }

    @Test
    void prefix_container_selects_one_network() {
        try (Checkpoint c = Checkpoint.open(DIR.resolve("prefixed.safetensors"))) {
            StateDict generator = StateDict.of(c, "generator.");
            StateDict kp = StateDict.of(c, "kp_extractor.");
            assertEquals(java.util.Set.of("conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean",
                    "bn.running_var", "bn.num_batches_tracked", "fc.weight", "fc.bias"), generator.tensors().keySet());
            assertEquals(generator.tensors().keySet(), kp.tensors().keySet());
            assertFalse(java.util.Arrays.equals(generator.get("conv.weight").toFloatArray(),
                    kp.get("conv.weight").toFloatArray()), "the two prefixes must select different tensors");
        }
    }
}
