package sadtalker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An open checkpoint file of any of the formats the official SadTalker, GFPGAN and facexlib
 * weights use. The format is recognised from the content, never from the file name:
 * <ul>
 *   <li>safetensors ({@link SafetensorsFile}),
 *   <li>PyTorch's zip format, {@code torch.save} since 1.6 ({@link TorchZipFile}),
 *   <li>PyTorch's legacy stream format, before 1.6 ({@link TorchLegacyFile}).
 * </ul>
 * No reader ever executes anything from the file: pickles go through {@link TorchUnpickler},
 * which knows a short whitelist of globals and refuses every other one.
 *
 * <p>Tensors are read lazily, so keep the checkpoint open while you read them.
 */
public interface Checkpoint extends AutoCloseable {

    /** The file this checkpoint was read from. */
    Path file();

    /**
     * What the file holds. For a PyTorch pickle, the unpickled object tree: {@code Map}s (state
     * dicts and plain dicts, in file order), {@code List}s, {@code Object[]} for tuples, strings,
     * numbers, booleans, null and {@link StoredTensor}s. For safetensors, an ordered map from key to
     * {@link StoredTensor}.
     */
    Object root();

    @Override
    void close();

    /**
     * Opens {@code file}, detecting its format from its first bytes.
     *
     * @throws CheckpointException naming the file when it is missing, unreadable, truncated, not a
     *     checkpoint, or holds anything a state dict may not hold
     */
    static Checkpoint open(Path file) {
        if (!Files.exists(file)) {
            throw CheckpointException.of(file, "no such file (" + file.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw CheckpointException.of(file, "not a regular file");
        }
        byte[] head = new byte[512];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot be read: " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return TorchZipFile.open(file);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return TorchLegacyFile.open(file);
        }
        if (n >= 9) {
            long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (head[8] == '{' && headerLength > 0 && headerLength <= size - 8) {
                return SafetensorsFile.open(file);
            }
        }
        if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw CheckpointException.of(file, "is a tar archive (PyTorch's format before 0.4), which is not supported");
        }
        throw CheckpointException.of(file, "not a checkpoint: its " + size + " bytes are neither safetensors nor a "
                + "PyTorch zip or legacy pickle (it starts with " + excerpt(head, n) + ")");
    }

    private static String excerpt(byte[] head, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(n, 24); i++) {
            int c = head[i] & 0xFF;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }
}
