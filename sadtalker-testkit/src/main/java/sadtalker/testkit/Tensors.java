package sadtalker.testkit;

import sadtalker.checkpoint.StoredTensor;
import sadtalker.checkpoint.Storage;
import sadtalker.checkpoint.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Builds in-memory {@link StoredTensor}s (synthetic weights, test data). */
public final class Tensors {
    private static final Path MEMORY = Path.of("<memory>");

    private Tensors() {}

    /** A float32 tensor holding {@code values} in row-major order. */
    public static StoredTensor f32(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return of(DType.F32, shape, b.array());
    }

    /** An int64 tensor holding {@code values}. */
    public static StoredTensor i64(long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return of(DType.I64, shape, b.array());
    }

    /** A contiguous tensor of {@code dtype} over little-endian {@code bytes}. */
    public static StoredTensor of(DType dtype, long[] shape, byte[] bytes) {
        long numel = bytes.length / dtype.bytes();
        Storage s = new Storage(MEMORY, "memory", dtype, numel,
                (offset, length) -> ByteBuffer.wrap(bytes, Math.toIntExact(offset), Math.toIntExact(length)).slice());
        return StoredTensor.contiguous(s, shape);
    }

    /** The detweights-v1 values of {@code key} (float) or zeros (integer buffers) as a tensor. */
    public static StoredTensor detweights(String key, long[] shape, long seed) {
        if (DetWeights.isIntegerBuffer(key)) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return i64(shape, new long[(int) n]);
        }
        return f32(shape, DetWeights.values(key, shape, seed));
    }

    /**
     * As {@link #detweights}, but the values are computed only when the tensor is read, so that
     * writing a real-size synthetic checkpoint never holds all of it in memory.
     */
    public static StoredTensor lazyDetweights(String key, long[] shape, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        boolean integer = DetWeights.isIntegerBuffer(key);
        DType dtype = integer ? DType.I64 : DType.F32;
        Storage s = new Storage(MEMORY, key, dtype, n, (offset, length) -> {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN);
            if (!integer) {
                float[] v = DetWeights.values(key, shape, seed);
                for (long i = offset / 4; i < (offset + length) / 4; i++) {
                    b.putFloat(v[(int) i]);
                }
            }
            return b.flip().limit(Math.toIntExact(length));
        });
        return StoredTensor.contiguous(s, shape);
    }
}
