package sadtalker.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header, then the raw
 * little-endian tensor bytes. Each tensor is memory-mapped only when it is read, so opening the
 * 700 MB SadTalker file costs one small header read.
 */
public final class SafetensorsFile implements Checkpoint {
    /** Headers are a few hundred kilobytes; anything near this is a corrupt length field. */
    private static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final Map<String, StoredTensor> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, Map<String, StoredTensor> tensors,
            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates the header of {@code file}; no tensor data is read yet. */
    public static SafetensorsFile open(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 8) {
                throw CheckpointException.of(file, "too short for a safetensors file (" + size + " bytes)");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw CheckpointException.of(file, "safetensors header length " + headerLength
                        + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            long dataStart = 8 + headerLength;
            SafetensorsFile result = parse(file, channel, new String(header.array(), StandardCharsets.UTF_8),
                    size - dataStart, new Data(file, channel, dataStart));
            channel = null; // owned by the result now
            return result;
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot be read: " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private static SafetensorsFile parse(Path file, FileChannel channel, String headerText, long dataLength,
            Data data) {
        JsonNode header;
        try {
            header = JSON.readTree(headerText);
        } catch (IOException e) {
            throw CheckpointException.of(file, "safetensors header is not valid JSON: " + e.getMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw CheckpointException.of(file, "safetensors header is not a JSON object");
        }
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("__metadata__")) {
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(key, tensor(file, key, v, dataLength, data));
        }
        return new SafetensorsFile(file, channel, Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    private static StoredTensor tensor(Path file, String key, JsonNode v, long dataLength, Data data) {
        JsonNode dtypeNode = v.get("dtype");
        JsonNode shapeNode = v.get("shape");
        JsonNode offsets = v.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || !shapeNode.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw CheckpointException.of(file, "tensor '" + key + "' needs dtype, shape and two data_offsets");
        }
        DType dtype = DType.fromSafetensors(dtypeNode.asText());
        if (dtype == null) {
            throw CheckpointException.of(file, "tensor '" + key + "' has unsupported dtype " + dtypeNode.asText());
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (!shapeNode.get(i).canConvertToLong() || shape[i] < 0) {
                throw CheckpointException.of(file, "tensor '" + key + "' has an invalid shape " + shapeNode);
            }
            numel = Math.multiplyExact(numel, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLength) {
            throw CheckpointException.of(file, "tensor '" + key + "' has data_offsets [" + begin + ", " + end
                    + "] outside the " + dataLength + " data bytes (truncated file?)");
        }
        if (end - begin != numel * dtype.bytes()) {
            throw CheckpointException.of(file, "tensor '" + key + "' spans " + (end - begin) + " bytes but "
                    + dtype + shapeNode + " needs " + numel * dtype.bytes());
        }
        return StoredTensor.contiguous(new Storage(file, key, dtype, numel, data.region(begin)), shape);
    }

    /**
     * The data section after the header. Small reads (a tensor's values as Java arrays) map the
     * range; copies into a tensor read it with positional reads straight into the destination, so
     * loading leaves no mapped pages or buffers behind for the garbage collector to release.
     */
    private record Data(Path file, FileChannel channel, long start) {
        ByteSource region(long begin) {
            return new ByteSource() {
                @Override
                public ByteBuffer read(long offset, long length) {
                    return map(start + begin + offset, length);
                }

                @Override
                public void copyTo(long offset, ByteBuffer dst) {
                    readInto(start + begin + offset, dst);
                }
            };
        }

        private ByteBuffer map(long position, long length) {
            try {
                return channel.map(FileChannel.MapMode.READ_ONLY, position, length).order(ByteOrder.LITTLE_ENDIAN);
            } catch (IOException e) {
                throw CheckpointException.of(file, "cannot map bytes " + position + ".." + (position + length)
                        + ": " + e.getMessage(), e);
            }
        }

        private void readInto(long position, ByteBuffer dst) {
            long first = position;
            try {
                readFully(channel, dst, position - dst.position());
            } catch (IOException e) {
                throw CheckpointException.of(file, "cannot read bytes from " + first + ": " + e.getMessage()
                        + " (truncated file?)", e);
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        while (dst.hasRemaining()) {
            int r = channel.read(dst, position + dst.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    @Override
    public Path file() {
        return file;
    }

    /** The tensors in header order. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /** The header's {@code __metadata__} entries (often empty or just {@code format: pt}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Object root() {
        return tensors;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
