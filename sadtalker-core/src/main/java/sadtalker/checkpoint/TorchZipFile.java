package sadtalker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * PyTorch's zip checkpoint format ({@code torch.save} since 1.6): {@code <root>/data.pkl} holds the
 * pickled object, whose storages are persistent ids pointing at {@code <root>/data/<key>}. The root
 * folder is named after the file ({@code GFPGANv1.4/}, {@code mapping_00109-model.pth/}), so
 * {@code data.pkl} is found by suffix rather than assumed to be {@code archive/data.pkl}.
 */
public final class TorchZipFile implements Checkpoint {
    /** Bytes copied per read when streaming an entry into a tensor. */
    private static final int COPY_CHUNK = 1 << 20;

    private final Path file;
    private final ZipFile zip;
    private final Object root;

    private TorchZipFile(Path file, ZipFile zip, Object root) {
        this.file = file;
        this.zip = zip;
        this.root = root;
    }

    /** Opens {@code file} and unpickles its object tree; storages are read only when a tensor is. */
    public static TorchZipFile open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw CheckpointException.of(file, "not a complete zip archive (" + e.getMessage()
                    + "); the download was probably cut short", e);
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot be read: " + e.getMessage(), e);
        }
        try {
            String prefix = findRoot(file, zip);
            checkByteOrder(file, zip, prefix);
            Map<String, Storage> seen = new HashMap<>();
            TorchUnpickler unpickler = new TorchUnpickler(file, pid -> storage(file, zip, prefix, pid, seen));
            Object root;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                root = unpickler.read(in, prefix + "data.pkl");
            }
            return new TorchZipFile(file, zip, root);
        } catch (IOException | RuntimeException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw CheckpointException.of(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String findRoot(Path file, ZipFile zip) {
        List<String> pickles = new ArrayList<>();
        zip.stream().map(ZipEntry::getName).filter(n -> n.equals("data.pkl") || n.endsWith("/data.pkl"))
                .forEach(pickles::add);
        if (pickles.size() != 1) {
            throw CheckpointException.of(file, pickles.isEmpty()
                    ? "a zip archive without data.pkl, so not a PyTorch checkpoint"
                    : "a zip archive with several data.pkl entries " + pickles);
        }
        String name = pickles.get(0);
        return name.substring(0, name.length() - "data.pkl".length());
    }

    private static void checkByteOrder(Path file, ZipFile zip, String prefix) throws IOException {
        ZipEntry order = zip.getEntry(prefix + "byteorder");
        if (order != null) {
            try (InputStream in = zip.getInputStream(order)) {
                String value = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (!value.equals("little")) {
                    throw CheckpointException.of(file, "stores tensors in '" + value + "' byte order; only little-endian is supported");
                }
            }
        }
    }

    private static Storage storage(Path file, ZipFile zip, String prefix, Object[] pid, Map<String, Storage> seen) {
        DType dtype = ((TorchUnpickler.StorageType) pid[1]).dtype();
        String key = String.valueOf(pid[2]);
        long numel = ((Number) pid[4]).longValue();
        return seen.computeIfAbsent(key, k -> {
            String entryName = prefix + "data/" + k;
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw CheckpointException.of(file, "storage '" + k + "' is referenced but " + entryName + " is missing");
            }
            if (entry.getSize() >= 0 && entry.getSize() < numel * dtype.bytes()) {
                throw CheckpointException.of(file, "storage '" + k + "' holds " + entry.getSize() + " bytes, but "
                        + numel + " " + dtype + " elements need " + numel * dtype.bytes());
            }
            return new Storage(file, k, dtype, numel, new ByteSource() {
                @Override
                public ByteBuffer read(long offset, long length) {
                    return readEntry(file, zip, entry, offset, length);
                }

                @Override
                public void copyTo(long offset, ByteBuffer dst) {
                    copyEntry(file, zip, entry, offset, dst);
                }
            });
        });
    }

    private static ByteBuffer readEntry(Path file, ZipFile zip, ZipEntry entry, long offset, long length) {
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(offset);
            byte[] bytes = in.readNBytes(Math.toIntExact(length));
            if (bytes.length != length) {
                throw CheckpointException.of(file, entry.getName() + " ends after " + (offset + bytes.length) + " bytes");
            }
            return ByteBuffer.wrap(bytes);
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot read " + entry.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the entry's bytes {@code [offset, offset + dst.remaining())} into {@code dst} through a
     * small chunk, so a tensor's bytes never sit whole on the Java heap.
     */
    private static void copyEntry(Path file, ZipFile zip, ZipEntry entry, long offset, ByteBuffer dst) {
        byte[] chunk = new byte[(int) Math.min(COPY_CHUNK, Math.max(1, dst.remaining()))];
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(offset);
            while (dst.hasRemaining()) {
                int n = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
                if (n < 0) {
                    throw CheckpointException.of(file, entry.getName() + " ends " + dst.remaining()
                            + " bytes before the tensor does");
                }
                dst.put(chunk, 0, n);
            }
        } catch (java.io.EOFException e) {
            throw CheckpointException.of(file, entry.getName() + " ends before byte " + offset, e);
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot read " + entry.getName() + ": " + e.getMessage(), e);
        }
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
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
