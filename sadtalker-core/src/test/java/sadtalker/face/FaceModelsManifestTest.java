package sadtalker.face;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.Storage;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.face.align.FAN;
import sadtalker.face.detect.RetinaFace;
import sadtalker.face.recon.ReconNetWrapper;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * The networks consume exactly the keys and shapes of the official files' manifests
 * ({@code shared/parity/manifests}), as a strict {@code load_state_dict} would.
 */
class FaceModelsManifestTest {

    @Test
    void retinaface_takes_exactly_the_detection_manifest() throws IOException {
        check("detection_Resnet50_Final.pth.json", "module.", p -> new RetinaFace(p), null);
    }

    @Test
    void fan_takes_exactly_the_alignment_manifest() throws IOException {
        check("alignment_WFLW_4HG.pth.json", "", FAN::wflw, null);
    }

    @Test
    void recon_takes_exactly_the_face3d_manifest() throws IOException {
        check("SadTalker_V0.0.2_256.safetensors.face3d.json", "face_3drecon.", p -> new ReconNetWrapper(p), null);
        check("epoch_20.pth.json", "", p -> new ReconNetWrapper(p), null);
    }

    @Test
    void a_missing_key_is_named() throws IOException {
        CheckpointException e = assertThrows(CheckpointException.class, () -> check(
                "SadTalker_V0.0.2_256.safetensors.face3d.json", "face_3drecon.", p -> new ReconNetWrapper(p),
                "final_layers.3.bias"));
        assertTrue(e.getMessage().contains("final_layers.3.bias"), e.getMessage());
    }

    /** Loads a zero-valued state dict with the manifest's keys (prefix removed), optionally without {@code drop}. */
    private static void check(String manifestName, String prefix, Consumer<Params> build, String drop) throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(SharedData.dir().resolve("parity/manifests").resolve(manifestName))) {
            manifest = Manifest.read(in);
        }
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Manifest.Entry e : manifest.tensors()) {
            String key = e.key().startsWith(prefix) ? e.key().substring(prefix.length()) : e.key();
            if (!key.equals(drop)) {
                long numel = 1;
                for (long d : e.shape()) {
                    numel *= d;
                }
                Storage zeros = new Storage(Path.of(manifestName), key, e.dtype(), numel,
                        (offset, length) -> ByteBuffer.allocate(Math.toIntExact(length)));
                tensors.put(key, StoredTensor.contiguous(zeros, e.shape()));
            }
        }
        try (NDManager m = Torch.newCpuManager()) {
            Params p = Params.of(StateDict.of(Path.of(manifestName), "", tensors), m);
            assertDoesNotThrow(() -> build.accept(p));
            p.finish();
        }
    }
}
