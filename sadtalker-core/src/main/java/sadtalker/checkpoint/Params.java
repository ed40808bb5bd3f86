package sadtalker.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A prefix-scoped view of a {@link StateDict} from which a network's constructor takes its
 * parameters, like PyTorch's {@code load_state_dict(strict=True)}.
 *
 * <p>Constructors ask for tensors by their own key segment ({@code p.sub("down_blocks").sub("0")
 * .tensor("conv.weight", 128, 64, 3, 3)}); the view records every key handed out. A missing
 * tensor or a wrong shape does not stop construction: a zero placeholder of the expected shape is
 * returned and the problem is recorded, so that {@link #finish} can report every missing,
 * unexpected and mismatched key of the file in one error.
 */
public final class Params {
    private final Loading loading;
    private final String prefix;

    private Params(Loading loading, String prefix) {
        this.loading = loading;
        this.prefix = prefix;
    }

    /** The root view over {@code dict}; tensors are created in {@code manager}. */
    public static Params of(StateDict dict, NDManager manager) {
        return new Params(new Loading(dict, manager, null), "");
    }

    /** Makes the tensors a {@link #withFallback} view does not find in its dictionary. */
    @FunctionalInterface
    public interface Fallback {
        /** The tensor for the full key {@code key}, of {@code shape} as the network asks for it, in {@code manager}. */
        NDArray create(String key, long[] shape, NDManager manager);
    }

    /**
     * A root view over {@code dict} in which a requested key the dictionary lacks comes from
     * {@code fallback} instead of being reported missing (generated parameters for tests and
     * parity cases, which store only the tensors they override).
     */
    public static Params withFallback(StateDict dict, NDManager manager, Fallback fallback) {
        return new Params(new Loading(dict, manager, java.util.Objects.requireNonNull(fallback)), "");
    }

    /** The view of the submodule {@code name} ({@code sub("first")} reads {@code first.*}). */
    public Params sub(String name) {
        return new Params(loading, prefix + name + ".");
    }

    /** The full key of {@code name} in this view. */
    public String key(String name) {
        return prefix + name;
    }

    /** The manager new parameters are created in. */
    public NDManager manager() {
        return loading.manager;
    }

    /** True if the checkpoint has {@code name} under this view. */
    public boolean has(String name) {
        return loading.generator != null || loading.dict.tensors().containsKey(key(name));
    }

    /**
     * The tensor {@code name}, checked against {@code shape} ({@code -1} = any size). Floating
     * tensors come as FLOAT32.
     */
    public NDArray tensor(String name, long... shape) {
        String key = key(name);
        loading.requested.add(key);
        StoredTensor t = loading.dict.tensors().get(key);
        if (t == null && loading.generator != null) {
            return loading.generator.create(key, shape, loading.manager);
        }
        if (t == null) {
            loading.missing.add(key);
            return placeholder(shape);
        }
        long[] actual = t.shape();
        if (!matches(actual, shape)) {
            loading.mismatched.add(key + " has " + Arrays.toString(actual) + ", expected " + pretty(shape));
            return placeholder(shape);
        }
        NDArray a = t.toNDArray(loading.manager);
        if (shape.length == 0 && actual.length == 1) {
            NDArray scalar = a.reshape(new Shape());
            a.close();
            a = scalar;
        }
        if (t.dtype().isFloat() && a.getDataType() != DataType.FLOAT32) {
            NDArray f = a.toType(DataType.FLOAT32, false);
            a.close();
            a = f;
        }
        return a;
    }

    /** The tensor {@code name} if the checkpoint has it; an absent key is not an error. */
    public Optional<NDArray> optional(String name, long... shape) {
        return has(name) ? Optional.of(tensor(name, shape)) : Optional.empty();
    }

    /** Declares {@code name} as known but unused here (e.g. {@code num_batches_tracked}), present or not. */
    public void skip(String name) {
        loading.requested.add(key(name));
    }

    /**
     * Ends loading: throws if any key was missing or mismatched, or if the checkpoint holds keys
     * nobody asked for that match none of {@code ignorable} (globs: {@code *} = any characters,
     * e.g. {@code "he_estimator.*"}).
     */
    public void finish(String... ignorable) {
        List<Pattern> patterns = Arrays.stream(ignorable).map(Params::glob).collect(Collectors.toList());
        List<String> unexpected = loading.dict.tensors().keySet().stream()
                .filter(k -> !loading.requested.contains(k))
                .filter(k -> patterns.stream().noneMatch(p -> p.matcher(k).matches()))
                .collect(Collectors.toList());
        if (loading.missing.isEmpty() && loading.mismatched.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(loading.dict.describe()).append(" does not fit the network: ");
        List<String> parts = new ArrayList<>();
        if (!loading.missing.isEmpty()) {
            parts.add(loading.missing.size() + " missing " + loading.missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add(unexpected.size() + " unexpected " + unexpected);
        }
        if (!loading.mismatched.isEmpty()) {
            parts.add(loading.mismatched.size() + " of the wrong shape " + loading.mismatched);
        }
        throw new CheckpointException(sb.append(String.join("; ", parts)).toString());
    }

    private NDArray placeholder(long[] shape) {
        long[] dims = Arrays.stream(shape).map(d -> d < 0 ? 1 : d).toArray();
        return loading.manager.zeros(new Shape(dims));
    }

    /**
     * Shape check as {@code load_state_dict} does it, including its compatibility rule for files of
     * torch 0.3: a one-element 1-D tensor loads into a 0-dim parameter.
     */
    static boolean matches(long[] actual, long[] expected) {
        if (expected.length == 0 && actual.length == 1 && actual[0] == 1) {
            return true;
        }
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (expected[i] >= 0 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    private static String pretty(long[] shape) {
        return Arrays.stream(shape).mapToObj(d -> d < 0 ? "*" : Long.toString(d))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Pattern glob(String g) {
        return Pattern.compile(Arrays.stream(g.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }

    /** What one load has seen, shared by all views of it. */
    private static final class Loading {
        final StateDict dict;
        final NDManager manager;
        final Set<String> requested = new LinkedHashSet<>();
        final List<String> missing = new ArrayList<>();
        final List<String> mismatched = new ArrayList<>();

        final Fallback generator;

        Loading(StateDict dict, NDManager manager, Fallback generator) {
            this.dict = dict;
            this.manager = manager;
            this.generator = generator;
        }
    }
}
