package sadtalker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the pickle inside a PyTorch checkpoint without executing anything.
 *
 * <p>The opcodes come from Pyrolite ({@code net.razorvine:pickle}); on top of it this class owns
 * every opcode that can name or call Python code. A global is resolved only if it is one of the
 * few that state dicts and training checkpoints need (tensor rebuilding, storage types,
 * {@code OrderedDict}); any other global, and the opcodes that reach Python objects some other way
 * ({@code INST}, {@code OBJ}, the {@code EXT*} registry), stop the read with an error naming them.
 */
final class TorchUnpickler extends Unpickler {

    /** A storage class such as {@code torch.FloatStorage}: only ever the second item of a persistent id. */
    record StorageType(DType dtype) {}

    /** {@code collections.OrderedDict}: a state dict. Its {@code _metadata} attribute (BUILD) is ignored. */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    private final Path file;
    private final Function<Object[], Storage> storages;

    /**
     * @param file the checkpoint (for messages)
     * @param storages resolves a persistent id tuple {@code ('storage', type, key, location, numel, ...)}
     */
    TorchUnpickler(Path file, Function<Object[], Storage> storages) {
        this.file = file;
        this.storages = storages;
    }

    /** Unpickles one object from {@code in}, turning every failure into a {@link CheckpointException}. */
    Object read(InputStream in, String what) {
        try {
            return load(in);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw CheckpointException.of(file, "cannot read " + what + ": " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // A last resort behind MAX_STACK: the stack has unwound by now, so the error is safe to turn into a refusal.
            throw CheckpointException.of(file, "refused to load " + what + ": the pickle nests too deeply", null);
        }
    }

    /** Longest string or bytes object accepted: state dicts hold short names (tensor data lives outside the pickle). */
    static final long MAX_STRING_BYTES = 16L << 20;
    /** Most objects on the unpickling stack: a state dict keeps it small; a hostile pickle nests without end. */
    static final int MAX_STACK = 100_000;

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        Object result = bounded(key);
        if (stack.size() > MAX_STACK) {
            throw CheckpointException.of(file, "refused to load: the pickle nests too deeply or holds too many "
                    + "objects (more than " + MAX_STACK + " at once)");
        }
        return result;
    }

    /**
     * The length-prefixed opcodes, read here so that a declared length is checked before anything
     * is allocated (Pyrolite allocates whatever the file declares); the rest as Pyrolite and {@link #safe}.
     */
    private Object bounded(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.BINUNICODE -> stack.add(new String(lengthPrefixed(4), java.nio.charset.StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(lengthPrefixed(8), java.nio.charset.StandardCharsets.UTF_8));
            case Opcodes.BINSTRING -> stack.add(new String(lengthPrefixed(4), java.nio.charset.StandardCharsets.ISO_8859_1));
            case Opcodes.BINBYTES -> stack.add(lengthPrefixed(4));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(lengthPrefixed(8));
            default -> {
                return safe(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** Reads a little-endian length of {@code width} bytes, checks it, then reads that many bytes. */
    private byte[] lengthPrefixed(int width) throws IOException {
        byte[] len = input.readNBytes(width);
        if (len.length < width) {
            throw new java.io.EOFException("the pickle ends inside a length");
        }
        long n = 0;
        for (int i = width - 1; i >= 0; i--) {
            n = (n << 8) | (len[i] & 0xFF);
        }
        if (width == 4) {
            n = (int) n;    // 4-byte lengths are signed in the pickle format
        }
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw CheckpointException.of(file, "refused to load: the pickle declares a string of " + n
                    + " bytes (at most " + MAX_STRING_BYTES + " are accepted)");
        }
        byte[] data = input.readNBytes((int) n);
        if (data.length < n) {
            throw new java.io.EOFException("the pickle declares a string of " + n + " bytes but ends after "
                    + data.length);
        }
        return data;
    }

    private Object safe(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(global(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(global(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw CheckpointException.of(
                    file, "refused to load: the pickle uses opcode 0x" + Integer.toHexString(key)
                            + ", which can create arbitrary Python objects and never occurs in a state dict");
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>()); // keep file order
            case Opcodes.SETITEMS -> setItems();                           // Pyrolite's goes through a HashMap
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof OrderedDict)) {
                    throw CheckpointException.of(file, "refused to load: the pickle sets the state of a "
                            + typeName(target) + " (only an OrderedDict's _metadata is expected)");
                }
                // state = {'_metadata': OrderedDict of {'version': n} per submodule}: not needed.
                assert state != null;
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** SETITEMS: key/value pairs since the mark go into the dict below the mark, in order. */
    @SuppressWarnings("unchecked")
    private void setItems() {
        List<Object> items = stack.pop_all_since_marker();
        Object target = stack.peek();
        if (!(target instanceof Map<?, ?>)) {
            throw CheckpointException.of(file, "SETITEMS on a " + typeName(target));
        }
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i + 1 < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw CheckpointException.of(file, "unexpected persistent id " + describe(pid)
                    + " (expected ('storage', type, key, location, size))");
        }
        if (!(t[1] instanceof StorageType)) {
            throw CheckpointException.of(file, "persistent id names " + describe(t[1]) + " instead of a storage type");
        }
        return storages.apply(t);
    }

    private Object global(String module, String name) {
        String qualified = module + "." + name;
        return switch (qualified) {
            case "collections.OrderedDict" -> (IObjectConstructor) args -> orderedDict(args);
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" ->
                    (IObjectConstructor) args -> rebuildTensor(args);
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" ->
                    (IObjectConstructor) args -> args[0];
            default -> {
                if (module.equals("torch") && name.endsWith("Storage") && DType.fromTorchStorage(name) != null) {
                    yield new StorageType(DType.fromTorchStorage(name));
                }
                throw CheckpointException.of(file, "refused to load: the pickle names the global '" + qualified
                        + "', which a state dict never needs (only tensors, storages and OrderedDict are allowed)");
            }
        };
    }

    private OrderedDict orderedDict(Object[] args) {
        OrderedDict d = new OrderedDict();
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
            for (Object p : pairs) {
                Object[] kv = (Object[]) p;
                d.put(kv[0], kv[1]);
            }
        } else if (args.length != 0) {
            throw CheckpointException.of(file, "OrderedDict called with " + args.length + " arguments");
        }
        return d;
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, ...)}. */
    private StoredTensor rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage storage)) {
            throw CheckpointException.of(file, "tensor rebuilt from " + describe(args) + " instead of a storage");
        }
        return new StoredTensor(storage, toLong(args[1]), longs(args[2]), longs(args[3]));
    }

    private long[] longs(Object tuple) {
        if (!(tuple instanceof Object[] t)) {
            throw CheckpointException.of(file, "expected a tuple of sizes, got " + describe(tuple));
        }
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = toLong(t[i]);
        }
        return out;
    }

    long toLong(Object o) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        throw CheckpointException.of(file, "expected an integer, got " + describe(o));
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    static String describe(Object o) {
        if (o instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        return o instanceof Map<?, ?> ? "a dict" : String.valueOf(o);
    }
}
