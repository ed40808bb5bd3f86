package sadtalker.testkit;

import sadtalker.checkpoint.DType;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.checkpoint.Storage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the pickle (protocol 2) that {@code torch.save} writes for state dicts and training
 * checkpoints: dicts, {@code OrderedDict}s, lists, tuples ({@code Object[]}), strings, ints, floats,
 * booleans, None and tensors (as {@code _rebuild_tensor_v2} over a persistent storage id).
 * Each distinct {@link Storage} gets a key in the order first met; the format decides where its
 * bytes go.
 */
final class PickleWriter {
    /** Marks a map to be written as {@code collections.OrderedDict} (a state dict). */
    static final class OrderedDictMarker extends java.util.LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        OrderedDictMarker(Map<String, ?> m) {
            super(m);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Storage, String> storageKeys = new IdentityHashMap<>();
    private final boolean legacy;

    /** @param legacy true for the legacy format's six-item persistent ids (with view_metadata None) */
    PickleWriter(boolean legacy) {
        this.legacy = legacy;
    }

    /** The storages met so far, with their keys, in order. */
    Map<Storage, String> storages() {
        return storageKeys;
    }

    byte[] pickle(Object root) {
        out.reset();
        out.write(0x80);
        out.write(2);
        write(root);
        out.write('.');
        return out.toByteArray();
    }

    private void write(Object o) {
        if (o == null) {
            out.write('N');
        } else if (o instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (o instanceof Integer || o instanceof Long) {
            writeInt(((Number) o).longValue());
        } else if (o instanceof Double || o instanceof Float) {
            out.write('G');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(((Number) o).doubleValue()).array());
        } else if (o instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        } else if (o instanceof Object[] tuple) {
            out.write('(');
            for (Object item : tuple) {
                write(item);
            }
            out.write('t');
        } else if (o instanceof List<?> list) {
            out.write(']');
            if (!list.isEmpty()) {
                out.write('(');
                list.forEach(this::write);
                out.write('e');
            }
        } else if (o instanceof OrderedDictMarker m) {
            global("collections", "OrderedDict");
            out.write(')');
            out.write('R');
            items(m);
        } else if (o instanceof Map<?, ?> m) {
            out.write('}');
            items(m);
        } else if (o instanceof StoredTensor t) {
            tensor(t);
        } else {
            throw new IllegalArgumentException("cannot pickle " + o.getClass().getName());
        }
    }

    private void items(Map<?, ?> m) {
        if (m.isEmpty()) {
            return;
        }
        out.write('(');
        m.forEach((k, v) -> {
            write(k);
            write(v);
        });
        out.write('u');
    }

    private void tensor(StoredTensor t) {
        global("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        Storage s = t.storage();
        String key = storageKeys.computeIfAbsent(s, x -> Integer.toString(storageKeys.size()));
        out.write('(');
        write("storage");
        global("torch", s.dtype().torchStorageName());
        write(key);
        write("cpu");
        write(s.numel());
        if (legacy) {
            write(null);
        }
        out.write('t');
        out.write('Q');                                   // BINPERSID
        write(0L);                                        // storage offset
        write(box(t.shape()));
        write(box(StoredTensor.contiguousStrides(t.shape())));
        write(Boolean.FALSE);                             // requires_grad
        global("collections", "OrderedDict");             // backward_hooks = OrderedDict()
        out.write(')');
        out.write('R');
        out.write('t');
        out.write('R');
    }

    private static Object[] box(long[] v) {
        Object[] o = new Object[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i];
        }
        return o;
    }

    private void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void writeInt(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        } else {
            out.write(0x8a);                              // LONG1, 8 bytes little-endian two's complement
            out.write(8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
    }
}
