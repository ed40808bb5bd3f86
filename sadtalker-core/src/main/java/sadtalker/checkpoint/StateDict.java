package sadtalker.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tensors of one network, keyed exactly as PyTorch's {@code state_dict()} names them, picked
 * out of a checkpoint by a container:
 * <ul>
 *   <li>{@code ""}: the file itself is the state dict ({@code parsing_parsenet.pth});
 *   <li>a top-level key ({@code params_ema}, {@code state_dict}, {@code mapping}, {@code net_recon}):
 *       the state dict sits under that key of a dict ({@code GFPGANv1.4.pth}, training checkpoints);
 *   <li>a key prefix ending in a dot ({@code generator.}): the keys that start with it, with the
 *       prefix removed, as SadTalker's one safetensors file holds five networks.
 * </ul>
 * Keys saved from a {@code DataParallel} wrapper start with {@code module.}; {@link #of} removes it,
 * as facexlib's loader does, so both spellings load.
 */
public final class StateDict {
    private static final String DATA_PARALLEL = "module.";

    private final Path file;
    private final String container;
    private final Map<String, StoredTensor> tensors;

    private StateDict(Path file, String container, Map<String, StoredTensor> tensors) {
        this.file = file;
        this.container = container;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Builds a state dict directly from tensors (synthetic weights, tests). */
    public static StateDict of(Path file, String container, Map<String, StoredTensor> tensors) {
        return new StateDict(file, container, new LinkedHashMap<>(tensors));
    }

    /**
     * Selects {@code container} from {@code checkpoint} and strips a {@code module.} prefix.
     *
     * @throws CheckpointException naming the file and what it holds instead when the container is absent
     */
    public static StateDict of(Checkpoint checkpoint, String container) {
        Path file = checkpoint.file();
        Object root = checkpoint.root();
        if (!(root instanceof Map<?, ?> top)) {
            throw CheckpointException.of(file, "holds " + TorchUnpickler.describe(root) + ", not a dict of tensors");
        }
        Map<String, StoredTensor> selected = new LinkedHashMap<>();
        if (container.isEmpty() || container.endsWith(".")) {
            collect(top, container, selected);
        } else {
            Object inner = top.get(container);
            if (!(inner instanceof Map<?, ?> innerMap)) {
                throw CheckpointException.of(file, "has no state dict under '" + container + "'; its top-level keys are "
                        + top.keySet());
            }
            collect(innerMap, "", selected);
        }
        if (selected.isEmpty()) {
            throw CheckpointException.of(file, "holds no tensors" + (container.isEmpty() ? "" : " in '" + container + "'")
                    + "; its top-level keys are " + abbreviate(top.keySet()));
        }
        return new StateDict(file, container, stripDataParallel(file, selected));
    }

    private static void collect(Map<?, ?> map, String prefix, Map<String, StoredTensor> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (e.getValue() instanceof StoredTensor t && key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), t);
            }
        }
    }

    private static Map<String, StoredTensor> stripDataParallel(Path file, Map<String, StoredTensor> in) {
        if (in.keySet().stream().noneMatch(k -> k.startsWith(DATA_PARALLEL))) {
            return in;
        }
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, StoredTensor> e : in.entrySet()) {
            String key = e.getKey().startsWith(DATA_PARALLEL) ? e.getKey().substring(DATA_PARALLEL.length()) : e.getKey();
            if (out.put(key, e.getValue()) != null) {
                throw CheckpointException.of(file, "holds both '" + key + "' and '" + DATA_PARALLEL + key + "'");
            }
        }
        return out;
    }

    private static String abbreviate(Set<?> keys) {
        List<String> list = keys.stream().map(String::valueOf).limit(12).collect(Collectors.toList());
        return keys.size() > list.size() ? list + " and " + (keys.size() - list.size()) + " more" : list.toString();
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    /** The container this state dict was selected by. */
    public String container() {
        return container;
    }

    /** Tensors by key, in file order. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /** The tensor under {@code key}, or a {@link CheckpointException} naming the key and the file. */
    public StoredTensor get(String key) {
        StoredTensor t = tensors.get(key);
        if (t == null) {
            throw CheckpointException.of(file, "no tensor '" + key + "' in " + describe());
        }
        return t;
    }

    /** For messages: {@code GFPGANv1.4.pth [params_ema]}. */
    public String describe() {
        return CheckpointException.name(file) + (container.isEmpty() ? "" : " [" + container + "]");
    }
}
