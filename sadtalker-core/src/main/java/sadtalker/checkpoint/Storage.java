package sadtalker.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A flat run of {@code numel} elements of one dtype, as PyTorch's storages are: several tensors
 * (views) may share one storage with different offsets and strides.
 *
 * @param file the checkpoint the bytes come from (for error messages)
 * @param name the storage's key inside the file
 * @param dtype element type
 * @param numel number of elements
 * @param source the bytes, little-endian
 */
public record Storage(Path file, String name, DType dtype, long numel, ByteSource source) {
    public Storage {
        if (numel < 0) {
            throw CheckpointException.of(file, "storage '" + name + "' has a negative size " + numel);
        }
    }

    /** Elements {@code [first, first + count)} as a little-endian buffer. */
    public ByteBuffer read(long first, long count) {
        check(first, count);
        return source.read(first * dtype.bytes(), count * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies elements {@code [first, first + count)} into {@code dst} (from its position, which
     * advances); {@code dst} must have room for exactly those bytes.
     */
    public void copyTo(long first, long count, ByteBuffer dst) {
        check(first, count);
        long length = count * dtype.bytes();
        if (dst.remaining() != length) {
            throw new IllegalArgumentException("storage '" + name + "': " + length + " bytes do not fit a buffer of "
                    + dst.remaining());
        }
        source.copyTo(first * dtype.bytes(), dst);
    }

    private void check(long first, long count) {
        if (first < 0 || count < 0 || first + count > numel) {
            throw CheckpointException.of(file, "storage '" + name + "': elements [" + first + ", "
                    + (first + count) + ") lie outside its " + numel + " elements");
        }
    }
}
