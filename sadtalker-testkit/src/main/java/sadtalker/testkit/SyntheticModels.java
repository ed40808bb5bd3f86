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

    /** Writes every {@link ModelFile} into {@code dir} (about 1.5 GB). */
    public static Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        for (ModelFile f : ModelFile.values()) {
            write(dir, f, seed);
        }
        return dir;
    }

    /** Writes one model file into {@code dir}. */
    public static Path write(Path dir, ModelFile f, long seed) throws IOException {
        Path file = f.in(dir);
        switch (f) {
            case SADTALKER -> {
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
            default -> throw new IllegalArgumentException("no synthetic layout for " + f);
        }
        return file;
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
