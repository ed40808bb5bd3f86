package sadtalker.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a checkpoint, not yet read: a view (offset, shape, strides) of a {@link Storage},
 * exactly as {@code torch._utils._rebuild_tensor_v2} describes it. Safetensors tensors are the
 * contiguous special case.
 *
 * <p>Nothing is read from disk until one of the {@code to*} methods is called.
 */
public final class StoredTensor {
    private final Storage storage;
    private final long offset;
    private final long[] shape;
    private final long[] stride;

    /**
     * @param storage the storage the elements come from
     * @param offset index of the first element in the storage
     * @param shape the tensor's sizes
     * @param stride elements to step in the storage per index step of each dimension
     */
    public StoredTensor(Storage storage, long offset, long[] shape, long[] stride) {
        if (shape.length != stride.length) {
            throw CheckpointException.of(storage.file(), "tensor on storage '" + storage.name() + "' has "
                    + shape.length + " sizes but " + stride.length + " strides");
        }
        this.storage = storage;
        this.offset = offset;
        this.shape = shape.clone();
        this.stride = stride.clone();
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || stride[i] < 0) {
                throw CheckpointException.of(storage.file(), "tensor on storage '" + storage.name()
                        + "' has size " + Arrays.toString(shape) + " and stride " + Arrays.toString(stride));
            }
            if (shape[i] == 0) {
                continue;
            }
            try {
                last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, stride[i]));
            } catch (ArithmeticException e) {
                throw CheckpointException.of(storage.file(), "tensor of size " + Arrays.toString(shape)
                        + " with stride " + Arrays.toString(stride) + " on storage '" + storage.name()
                        + "' reaches beyond 2^63 elements");
            }
        }
        long count;
        try {
            count = exactNumel(shape);
        } catch (ArithmeticException e) {
            throw CheckpointException.of(storage.file(), "tensor of size " + Arrays.toString(shape) + " on storage '"
                    + storage.name() + "' has more than 2^63 elements");
        }
        if (count > 0 && (offset < 0 || last >= storage.numel())) {
            throw CheckpointException.of(storage.file(), "tensor of size " + Arrays.toString(shape)
                    + " at offset " + offset + " with stride " + Arrays.toString(stride)
                    + " reaches past the " + storage.numel() + " elements of storage '" + storage.name() + "'");
        }
    }

    /** A contiguous tensor covering a whole storage. */
    public static StoredTensor contiguous(Storage storage, long[] shape) {
        return new StoredTensor(storage, 0, shape, contiguousStrides(shape));
    }

    /** Row-major strides of {@code shape}. */
    public static long[] contiguousStrides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= shape[i];
        }
        return s;
    }

    public DType dtype() {
        return storage.dtype();
    }

    public long[] shape() {
        return shape.clone();
    }

    public Storage storage() {
        return storage;
    }

    /** Number of elements. */
    public long numel() {
        return exactNumel(shape);
    }

    /** The product of {@code shape}, overflow-checked (a shape such as [2^62, 2^62] must not pass as 0). */
    private static long exactNumel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private boolean isContiguous() {
        long[] c = contiguousStrides(shape);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1 && c[i] != stride[i]) {
                return false;
            }
        }
        return true;
    }

    /** The elements in row-major order as little-endian bytes of {@link #dtype()}. */
    public ByteBuffer bytes() {
        long n = numel();
        if (n == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (isContiguous()) {
            return storage.read(offset, n);
        }
        // A strided view: read the span it touches once, then gather element by element.
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            last += (shape[i] - 1) * stride[i];
        }
        ByteBuffer span = storage.read(offset, last - offset + 1);
        int es = dtype().bytes();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(n * es)).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[shape.length];
        byte[] element = new byte[es];
        for (long k = 0; k < n; k++) {
            long pos = 0;
            for (int i = 0; i < shape.length; i++) {
                pos += index[i] * stride[i];
            }
            span.get(Math.toIntExact(pos * es), element);
            out.put(element);
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++index[i] < shape[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return out.flip();
    }

    /** All elements converted to float (exact for F32, F16, BF16; rounded for F64 and large ints). */
    public float[] toFloatArray() {
        ByteBuffer b = bytes();
        float[] out = new float[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype()) {
                case F64 -> (float) b.getDouble();
                case F32 -> b.getFloat();
                case F16 -> HalfFloats.halfToFloat(b.getShort());
                case BF16 -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
                case I64 -> b.getLong();
                case I32 -> b.getInt();
                case I16 -> b.getShort();
                case I8 -> b.get();
                case U8 -> b.get() & 0xFF;
                case BOOL -> b.get() != 0 ? 1f : 0f;
            };
        }
        return out;
    }

    /** All elements as longs; only for the integer and boolean dtypes. */
    public long[] toLongArray() {
        ByteBuffer b = bytes();
        long[] out = new long[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype()) {
                case I64 -> b.getLong();
                case I32 -> b.getInt();
                case I16 -> b.getShort();
                case I8 -> b.get();
                case U8 -> b.get() & 0xFF;
                case BOOL -> b.get() != 0 ? 1 : 0;
                default -> throw CheckpointException.of(storage.file(),
                        "tensor on storage '" + storage.name() + "' is " + dtype() + ", not an integer type");
            };
        }
        return out;
    }

    /**
     * Copies the tensor into native memory owned by {@code manager}. F16 and BF16 become FLOAT32
     * (all our networks run in float32), I16 becomes INT32; other types keep their type.
     */
    public NDArray toNDArray(NDManager manager) {
        Shape s = new Shape(shape);
        return switch (dtype()) {
            case F16, BF16 -> manager.create(toFloatArray(), s);
            case I16 -> manager.create(Arrays.stream(toLongArray()).mapToInt(Math::toIntExact).toArray(), s);
            default -> manager.create(direct(bytes()), s, dtype().djlType());
        };
    }

    /** Always a fresh copy: a mapped, read-only file region must never back a tensor that may be written. */
    private static ByteBuffer direct(ByteBuffer b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.remaining()).order(ByteOrder.nativeOrder());
        d.put(b.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        return d.flip();
    }


    @Override
    public String toString() {
        return dtype() + Arrays.toString(shape);
    }
}
