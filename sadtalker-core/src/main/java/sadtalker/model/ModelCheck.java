package sadtalker.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;

/**
 * Verifies a model file: it parses (without executing anything) and holds exactly the keys and
 * shapes of its manifests, neither fewer nor more, so that a truncated download, a file of another
 * model or another version is refused at once, by name, with how to get the right one.
 */
public final class ModelCheck {
    private static final String DATA_PARALLEL = "module.";

    private ModelCheck() {}

    /**
     * The tensors a manifest accounts for, keyed as its entries are: a file of several networks
     * (prefixed manifests) whole; a pickle of nested state dicts each dict's tensors under
     * {@code <top-level key>.}, other top-level entries (optimizer states, epoch) not being weights;
     * otherwise the manifest's container.
     */
    private static Map<String, StoredTensor> tensors(Checkpoint c, Manifest m) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        if (!m.nested().isEmpty()) {
            for (String top : m.nested()) {
                StateDict.of(c, top).tensors().forEach((k, t) -> out.put(top + "." + k, t));
            }
            return out;
        }
        out.putAll(StateDict.of(c, m.prefixes().isEmpty() ? m.container() : "").tensors());
        return out;
    }

    /**
     * Checks {@code file} as {@code kind}.
     *
     * @throws CheckpointException naming the file, every problem found and how to get the file
     */
    public static void verify(Path file, ModelFile kind) {
        List<String> problems = new ArrayList<>();
        try (Checkpoint c = Checkpoint.open(file)) {
            List<Manifest> manifests = kind.manifests();
            Map<String, StoredTensor> seen = tensors(c, manifests.get(0));
            for (Manifest m : manifests) {
                for (Manifest.Entry e : m.tensors()) {
                    String key = e.key().startsWith(DATA_PARALLEL) ? e.key().substring(DATA_PARALLEL.length()) : e.key();
                    StoredTensor t = seen.remove(key);
                    if (t == null) {
                        problems.add("missing " + key);
                    } else if (!Arrays.equals(t.shape(), e.shape())) {
                        problems.add(key + " has shape " + Arrays.toString(t.shape()) + ", expected "
                                + Arrays.toString(e.shape()));
                    }
                }
            }
            seen.keySet().forEach(k -> problems.add("unexpected " + k));
        } catch (CheckpointException e) {
            throw new CheckpointException(e.getMessage() + "; " + kind.howToGet(), e);
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.size() > 12 ? problems.subList(0, 12) : problems;
            throw CheckpointException.of(file, "is not the expected " + kind.fileName() + " (" + kind.contents()
                    + "): " + problems.size() + " problem(s): " + String.join("; ", shown)
                    + (problems.size() > shown.size() ? "; ..." : "") + ". " + kind.howToGet());
        }
    }
}
