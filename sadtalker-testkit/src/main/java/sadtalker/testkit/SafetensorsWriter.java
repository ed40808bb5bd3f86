package sadtalker.testkit;

import sadtalker.checkpoint.DType;
import sadtalker.checkpoint.StoredTensor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes tensors as the {@code safetensors} library lays out a state dict: tensors grouped by
 * dtype (I64 first, as its writer orders the official files' integer buffers) and sorted by name
 * inside a group, header padded with spaces to a multiple of 8. Used for synthetic checkpoints.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {}

    /** Writes {@code tensors} (key → tensor) to {@code file}, replacing it. */
    public static void write(Path file, Map<String, StoredTensor> tensors) throws IOException {
        List<Map.Entry<String, StoredTensor>> order = new ArrayList<>(tensors.entrySet());
        order.sort(Comparator.<Map.Entry<String, StoredTensor>>comparingInt(e -> e.getValue().dtype() == DType.I64 ? 0 : 1)
                .thenComparing(e -> e.getValue().dtype().name())
                .thenComparing(Map.Entry::getKey));
        ObjectNode header = new ObjectMapper().createObjectNode();
        long offset = 0;
        for (Map.Entry<String, StoredTensor> e : order) {
            StoredTensor t = e.getValue();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long bytes = t.numel() * t.dtype().bytes();
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        try (OutputStream out = Files.newOutputStream(file); WritableByteChannel ch = Channels.newChannel(out)) {
            ch.write(head.flip());
            for (Map.Entry<String, StoredTensor> e : order) {
                ch.write(e.getValue().bytes());
            }
        }
    }
}
