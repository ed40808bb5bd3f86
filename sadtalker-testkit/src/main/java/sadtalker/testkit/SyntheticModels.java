package sadtalker.testkit;

import sadtalker.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sadtalker.checkpoint.Manifest;
import sadtalker.testkit.SafetensorsWriter;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;
import sadtalker.testkit.TorchWriter;

/**
 * A models directory of real-size synthetic checkpoints: every official file under its official
 * name, in its official container format, with exactly the keys and shapes of its manifests, and
 * detweights-v1 values (each network seeded from its own keys, without the file's prefixes), and
 * what a trained checkpoint derives from them ({@link TrainedValues}): the parity reference's models.
 * Synthetic weights find no real face, so engines built on them need given face geometry.
 */
public final class SyntheticModels {
    private SyntheticModels() {}

    /** Writes every {@link ModelFile} of the default run ({@link ModelFile#standard()}) into {@code dir} (about 1.5 GB). */
    public static Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        for (ModelFile f : ModelFile.values()) {
            if (!f.standard()) {
                continue;
            }
            write(dir, f, seed);
        }
        return dir;
    }

    /** Writes one model file into {@code dir}. */
    public static Path write(Path dir, ModelFile f, long seed) throws IOException {
        Path file = f.in(dir);
        switch (f) {
            case SADTALKER, SADTALKER_512 -> {
                Map<String, StoredTensor> all = new LinkedHashMap<>();
                for (Manifest m : f.manifests()) {
                    for (Manifest.Entry e : m.tensors()) {
                        String prefix = m.prefixes().stream().filter(e.key()::startsWith).findFirst().orElse("");
                        all.put(e.key(), TrainedValues.tensor(m, e, e.key().substring(prefix.length()), seed));
                    }
                }
                SafetensorsWriter.write(file, all);
            }
            case MAPPING_FULL, MAPPING_CROP -> {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("mapping", TorchWriter.stateDict(stateDict(f.manifests().get(0), seed)));
                root.put("epoch", f == ModelFile.MAPPING_FULL ? 109 : 229);
                TorchWriter.writeZip(file, root);
            }
            case GFPGAN -> TorchWriter.writeZip(file, Map.of("params_ema", TorchWriter.stateDict(stateDict(f.manifests().get(0), seed))));
            case DETECTION -> TorchWriter.writeLegacy(file, TorchWriter.stateDict(stateDict(f.manifests().get(0), seed)));
            case ALIGNMENT -> TorchWriter.writeLegacy(file,
                    Map.of("state_dict", TorchWriter.stateDict(stateDict(f.manifests().get(0), seed))));
            case PARSING -> TorchWriter.writeZip(file, TorchWriter.stateDict(stateDict(f.manifests().get(0), seed)));
            // The legacy pickles, laid out as the official ones: training checkpoints with the state
            // dict under 'model' / 'net_recon', the renderer's three nets each under its own key.
            case AUDIO2EXP_LEGACY, AUDIO2POSE_LEGACY, RECON_LEGACY -> {
                Manifest m = f.manifests().get(0);
                Map<String, Object> root = new LinkedHashMap<>();
                root.put(m.container(), TorchWriter.stateDict(stateDict(m, seed)));
                root.put("epoch", 1);
                TorchWriter.writeZip(file, root);
            }
            case FACEVID2VID_LEGACY -> TorchWriter.writeZip(file, nested(f.manifests().get(0), seed));
            default -> throw new IllegalArgumentException("no synthetic layout for " + f);
        }
        return file;
    }

    /**
     * A nested manifest's pickle root: {@code {top: state dict}} per {@link Manifest#nested()} key,
     * the entries' {@code top.} removed; values from the key with the matching safetensors prefix
     * ({@code kp_detector} is the safetensors' {@code kp_extractor}), so the same seed gives the
     * same tensors in both files.
     */
    public static Map<String, Object> nested(Manifest m, long seed) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String top : m.nested()) {
            Map<String, StoredTensor> sd = new LinkedHashMap<>();
            for (Manifest.Entry e : m.tensors()) {
                if (e.key().startsWith(top + ".")) {
                    String own = e.key().substring(top.length() + 1);
                    sd.put(own, TrainedValues.tensor(m, e, own, seed));
                }
            }
            root.put(top, TorchWriter.stateDict(sd));
        }
        root.put("epoch", 189);
        return root;
    }

    /** The manifest's tensors (keys as in the file, e.g. with {@code module.}); values from the key without it. */
    private static Map<String, StoredTensor> stateDict(Manifest m, long seed) {
        Map<String, StoredTensor> sd = new LinkedHashMap<>();
        for (Manifest.Entry e : m.tensors()) {
            String own = e.key().startsWith("module.") ? e.key().substring("module.".length()) : e.key();
            sd.put(e.key(), TrainedValues.tensor(m, e, own, seed));
        }
        return sd;
    }
}
