package sadtalker.render;

import sadtalker.testkit.GeneratedParams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.DType;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.Params;
import sadtalker.testkit.SafetensorsWriter;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.Storage;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;
import sadtalker.testkit.TorchWriter;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * The loaders accept synthetic checkpoints holding exactly the manifest keys and shapes, in the
 * official container formats (one safetensors file with {@code kp_extractor.} / {@code generator.}
 * among other networks' keys; {@code torch.save} zip training checkpoints with the state dict under
 * {@code mapping}), and refuse a file missing a key by naming it.
 */
class FaceRendererLoadTest {
    /** Shared zero bytes for the large synthetic tensors (values do not matter for loading). */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 20);

    @TempDir
    static Path models;

    @TempDir
    Path tmp;

    private static Manifest manifest(String name) throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.dir().resolve("parity/manifests/" + name))) {
            return Manifest.read(in);
        }
    }

    private static StoredTensor zeros(String key, long[] shape, DType dtype) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        Storage s = new Storage(Path.of("<zeros>"), key, dtype, numel,
                (offset, length) -> ZEROS.slice(0, Math.toIntExact(length)));
        return StoredTensor.contiguous(s, shape);
    }

    /** The renderer part of SadTalker_V0.0.2_256.safetensors (zeros), plus a key of another network. */
    private static Map<String, StoredTensor> safetensorsContent(Predicate<String> keep) throws IOException {
        Map<String, StoredTensor> all = new LinkedHashMap<>();
        for (Manifest.Entry e : manifest("SadTalker_V0.0.2_256.safetensors.facerender.json").tensors()) {
            if (keep.test(e.key())) {
                all.put(e.key(), zeros(e.key(), e.shape(), e.dtype()));
            }
        }
        all.put("audio2exp.netG.mapping1.weight", Tensors.detweights("audio2exp.netG.mapping1.weight", new long[] {64, 8}, 1));
        return all;
    }

    /** A training checkpoint as the mapping files are: epoch, the state dict under 'mapping', optimizer state. */
    private static void writeMapping(Path file, String manifestName, long seed, Predicate<String> keep) throws IOException {
        Map<String, StoredTensor> sd = new LinkedHashMap<>();
        for (Manifest.Entry e : manifest(manifestName).tensors()) {
            if (keep.test(e.key())) {
                sd.put(e.key(), Tensors.detweights(e.key(), e.shape(), seed));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", 229);
        root.put("mapping", TorchWriter.stateDict(sd));
        root.put("optimizer_mapping", Map.of("param_groups",
                List.of(Map.of("lr", 1e-4, "betas", new Object[] {0.5, 0.999}, "amsgrad", false))));
        TorchWriter.writeZip(file, root);
    }

    @BeforeAll
    static void writeModels() throws IOException {
        SafetensorsWriter.write(models.resolve(FaceRenderer.SAFETENSORS), safetensorsContent(k -> true));
        writeMapping(models.resolve(RenderMode.CROP.mappingFile()), "mapping_00229-model.pth.tar.json", 229, k -> true);
        writeMapping(models.resolve(RenderMode.FULL.mappingFile()), "mapping_00109-model.pth.tar.json", 109, k -> true);
    }

    @Test
    void both_modes_load_and_the_mapping_weights_are_the_files() {
        for (RenderMode mode : RenderMode.values()) {
            long seed = mode == RenderMode.CROP ? 229 : 109;
            try (FaceRenderers loaded = FaceRenderers.load(models, ai.djl.Device.cpu(), mode);
                    NDManager m = Torch.newCpuManager()) {
                FaceRenderer r = loaded.get(mode);
                assertEquals(mode, r.mode());
                MappingNet expected = new MappingNet(GeneratedParams.of(seed, "",
                        StateDict.of(Path.of("none"), "", Map.of()), m), mode.mappingConfig());
                NDArray in = m.randomUniform(-1f, 1f, new Shape(2, mode.coefficients(), 27));
                assertArrayEquals(expected.forward(in).exp().toFloatArray(),
                        r.animation().mapping().forward(in).exp().toFloatArray(), 0f, mode.toString());
            }
        }
    }

    @Test
    void a_generator_key_missing_from_the_safetensors_file_is_named() throws IOException {
        String gone = "generator.decoder.up_1.conv_s.weight_v";
        SafetensorsWriter.write(tmp.resolve(FaceRenderer.SAFETENSORS), safetensorsContent(k -> !k.equals(gone)));
        link(RenderMode.CROP.mappingFile(), RenderMode.CROP.mappingFile());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FaceRenderers.load(tmp, ai.djl.Device.cpu(), RenderMode.CROP));
        assertTrue(e.getMessage().contains("1 missing [decoder.up_1.conv_s.weight_v]"), e.getMessage());
        assertTrue(e.getMessage().contains(FaceRenderer.SAFETENSORS), e.getMessage());
    }

    @Test
    void a_mapping_key_missing_is_named() throws IOException {
        Path file = tmp.resolve(RenderMode.CROP.mappingFile());
        writeMapping(file, "mapping_00229-model.pth.tar.json", 229, k -> !k.equals("fc_exp.bias"));
        link(FaceRenderer.SAFETENSORS, FaceRenderer.SAFETENSORS);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FaceRenderers.load(tmp, ai.djl.Device.cpu(), RenderMode.CROP));
        assertTrue(e.getMessage().contains("missing [fc_exp.bias]"), e.getMessage());
        assertTrue(e.getMessage().contains("[mapping]"), e.getMessage());
    }

    @Test
    void the_crop_mapping_file_does_not_load_as_full() throws IOException {
        link(FaceRenderer.SAFETENSORS, FaceRenderer.SAFETENSORS);
        link(RenderMode.FULL.mappingFile(), RenderMode.CROP.mappingFile());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FaceRenderers.load(tmp, ai.djl.Device.cpu(), RenderMode.FULL));
        assertTrue(e.getMessage().contains("first.0.weight has [1024, 70, 7], expected [1024, 73, 7]"), e.getMessage());
    }

    @Test
    void a_mode_not_loaded_is_refused_by_name() {
        try (FaceRenderers loaded = FaceRenderers.load(models, ai.djl.Device.cpu(), RenderMode.CROP)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.get(RenderMode.FULL));
            assertTrue(e.getMessage().contains("FULL renderer was not loaded"), e.getMessage());
        }
    }

    /** {@code tmp/name} → the good {@code models/target}, so a test replaces only the file it breaks. */
    private void link(String name, String target) throws IOException {
        Files.createSymbolicLink(tmp.resolve(name), models.resolve(target));
    }
}
