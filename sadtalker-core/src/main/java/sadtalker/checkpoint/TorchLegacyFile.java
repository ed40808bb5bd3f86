package sadtalker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's legacy stream format (before 1.6), one file of consecutive parts:
 * <ol>
 *   <li>pickled magic number {@code 0x1950a86a20f9469cfc6c}, protocol version 1001, system info;
 *   <li>the pickled object, whose storages are persistent ids
 *       {@code ('storage', type, key, location, numel, view_metadata)};
 *   <li>the pickled list of storage keys, then each storage in that order as an 8-byte element
 *       count followed by its bytes.
 * </ol>
 * The file is memory-mapped; storages are resolved after the key list has been read.
 */
public final class TorchLegacyFile implements Checkpoint {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int PROTOCOL_VERSION = 1001;

    private final Path file;
    private final Object root;

    private TorchLegacyFile(Path file, Object root) {
        this.file = file;
        this.root = root;
    }

    /** Reads {@code file}'s object tree and locates every storage; tensor bytes stay on disk. */
    public static TorchLegacyFile open(Path file) {
        ByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw CheckpointException.of(file, "legacy-format checkpoints over 2 GB are not supported");
            }
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot be read: " + e.getMessage(), e);
        }
        BufferInput in = new BufferInput(mapped);
        Object magic = new TorchUnpickler(file, pid -> null).read(in, "the magic number");
        if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(MAGIC)) {
            throw CheckpointException.of(file, "not a PyTorch checkpoint: a pickle, but without PyTorch's magic number");
        }
        Object protocol = new TorchUnpickler(file, pid -> null).read(in, "the protocol version");
        if (!(protocol instanceof Number p) || p.intValue() != PROTOCOL_VERSION) {
            throw CheckpointException.of(file, "unsupported legacy protocol version " + protocol);
        }
        Object sysInfo = new TorchUnpickler(file, pid -> null).read(in, "the system info");
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw CheckpointException.of(file, "was written on a big-endian machine; not supported");
        }

        Map<String, Long> offsets = new HashMap<>();   // storage key -> byte position of its data
        Map<String, Storage> roots = new HashMap<>();
        Map<String, Storage> views = new HashMap<>();
        TorchUnpickler objects = new TorchUnpickler(file, pid -> {
            DType dtype = ((TorchUnpickler.StorageType) pid[1]).dtype();
            String key = String.valueOf(pid[2]);
            long numel = ((Number) pid[4]).longValue();
            Storage root = roots.computeIfAbsent(key, k -> new Storage(file, k, dtype, numel,
                    (offset, length) -> slice(file, mapped, k, offsets, offset, length)));
            Object view = pid.length > 5 ? pid[5] : null;
            if (!(view instanceof Object[] v)) {
                return root;
            }
            // A storage view (old torch): (view_key, element offset, element count) of the root storage.
            String viewKey = String.valueOf(v[0]);
            long first = ((Number) v[1]).longValue();
            long count = ((Number) v[2]).longValue();
            return views.computeIfAbsent(viewKey, k -> new Storage(file, k, dtype, count,
                    (offset, length) -> root.read(first, count).position(Math.toIntExact(offset))
                            .slice().limit(Math.toIntExact(length))));
        });
        Object root = objects.read(in, "the checkpoint object");
        Object keys = new TorchUnpickler(file, pid -> null).read(in, "the storage key list");
        if (!(keys instanceof List<?> keyList)) {
            throw CheckpointException.of(file, "storage key list missing after the checkpoint object");
        }
        long pos = in.position();
        for (Object k : keyList) {
            String key = String.valueOf(k);
            Storage s = roots.get(key);
            if (pos + 8 > mapped.limit()) {
                throw CheckpointException.of(file, "ends before storage '" + key + "' (truncated file?)");
            }
            long numel = mapped.getLong((int) pos);
            long bytes = numel * (s == null ? 1 : s.dtype().bytes());
            if (s != null && numel != s.numel()) {
                throw CheckpointException.of(file, "storage '" + key + "' has " + numel + " elements on disk but "
                        + s.numel() + " in the pickle");
            }
            if (s == null) {
                throw CheckpointException.of(file, "storage '" + key + "' is listed but never used");
            }
            offsets.put(key, pos + 8);
            pos += 8 + bytes;
            if (pos > mapped.limit()) {
                throw CheckpointException.of(file, "ends inside storage '" + key + "' (truncated file?)");
            }
        }
        for (String used : roots.keySet()) {
            if (!offsets.containsKey(used)) {
                throw CheckpointException.of(file, "storage '" + used + "' is used but its data is missing");
            }
        }
        return new TorchLegacyFile(file, root);
    }

    private static ByteBuffer slice(Path file, ByteBuffer mapped, String key, Map<String, Long> offsets,
            long offset, long length) {
        Long start = offsets.get(key);
        if (start == null) {
            throw CheckpointException.of(file, "storage '" + key + "' has no data");
        }
        return mapped.duplicate().position(Math.toIntExact(start + offset)).slice()
                .limit(Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Object root() {
        return root;
    }

    @Override
    public void close() {
        // the mapping is released by the garbage collector
    }

    /** An InputStream over a buffer that knows exactly how many bytes the unpickler consumed. */
    private static final class BufferInput extends InputStream {
        private final ByteBuffer buffer;

        BufferInput(ByteBuffer buffer) {
            this.buffer = buffer.duplicate();
        }

        long position() {
            return buffer.position();
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!buffer.hasRemaining()) {
                return len == 0 ? 0 : -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }
    }
}
