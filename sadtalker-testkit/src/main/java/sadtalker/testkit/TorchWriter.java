package sadtalker.testkit;

import sadtalker.checkpoint.StoredTensor;
import sadtalker.checkpoint.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes PyTorch checkpoints in the two formats {@code torch.save} has used: the zip format
 * (1.6 and later) and the legacy stream format. Meant for synthetic checkpoints in tests and
 * benchmarks, laid out like the official files so that the readers meet what they will meet there.
 *
 * <p>Objects: maps become dicts, {@link #stateDict} marks a state dict ({@code OrderedDict}),
 * {@code Object[]} a tuple, plus lists, strings, numbers, booleans, null and {@link StoredTensor}s.
 */
public final class TorchWriter {
    private TorchWriter() {}

    /** Marks {@code tensors} as a state dict, pickled as {@code collections.OrderedDict}. */
    public static Map<String, Object> stateDict(Map<String, StoredTensor> tensors) {
        return new PickleWriter.OrderedDictMarker(tensors);
    }

    /**
     * Writes {@code root} in the zip format. The archive's folder is named after the file without its
     * last extension, as {@code torch.save} names it ({@code mapping_00109-model.pth/}).
     */
    public static void writeZip(Path file, Object root) throws IOException {
        String name = file.getFileName().toString();
        String folder = (name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + "/";
        PickleWriter pickler = new PickleWriter(false);
        byte[] pkl = pickler.pickle(root);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            stored(zip, folder + "data.pkl", pkl);
            stored(zip, folder + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<Storage, String> e : pickler.storages().entrySet()) {
                Storage s = e.getKey();
                stored(zip, folder + "data/" + e.getValue(), bytes(s.read(0, s.numel())));
            }
            stored(zip, folder + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Writes {@code root} in the legacy stream format (before PyTorch 1.6). */
    public static void writeLegacy(Path file, Object root) throws IOException {
        PickleWriter header = new PickleWriter(true);
        PickleWriter objects = new PickleWriter(true);
        byte[] body = objects.pickle(root);
        List<String> keys = new ArrayList<>(objects.storages().values());
        Map<String, Object> sysInfo = new LinkedHashMap<>();
        sysInfo.put("protocol_version", 1001);
        sysInfo.put("little_endian", true);
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("short", 2);
        sizes.put("int", 4);
        sizes.put("long", 4);
        sysInfo.put("type_sizes", sizes);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(magic());
            out.write(header.pickle(1001));
            out.write(header.pickle(sysInfo));
            out.write(body);
            out.write(header.pickle(keys));
            for (Map.Entry<Storage, String> e : objects.storages().entrySet()) {
                Storage s = e.getKey();
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(s.numel()).array());
                out.write(bytes(s.read(0, s.numel())));
            }
        }
    }

    /** The pickled magic number 0x1950a86a20f9469cfc6c (a LONG1 of 10 bytes). */
    private static byte[] magic() {
        byte[] big = new BigInteger("1950a86a20f9469cfc6c", 16).toByteArray();
        byte[] le = new byte[10];
        for (int i = 0; i < 10; i++) {
            le[i] = big[big.length - 1 - i];
        }
        ByteBuffer b = ByteBuffer.allocate(15);
        b.put((byte) 0x80).put((byte) 2).put((byte) 0x8a).put((byte) 10).put(le).put((byte) '.');
        return b.array();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);                // torch.save stores, never deflates
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
