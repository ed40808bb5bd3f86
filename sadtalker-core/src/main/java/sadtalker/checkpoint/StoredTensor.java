package sadtalker.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
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
     *
     * <p>The bytes go once, straight from the file into memory libtorch allocated for the tensor
     * (its own allocation, freed when the array closes), so loading holds no second copy waiting
     * for the garbage collector: safetensors tensors are read with positional reads and zip entries
     * streamed through a small chunk into the tensor (no direct buffer, no whole-tensor heap array,
     * no mapped pages); legacy files are copied from the mapping their reader keeps. Only the
     * widened types (F16, BF16, I16) pass through a temporary Java buffer. On an accelerator the
     * bytes are staged in a host array of a sub-manager that closes as soon as the copy is on the
     * device.
     */
    public NDArray toNDArray(NDManager manager) {
        Shape s = new Shape(shape);
        DataType type = loadedType();
        if (!manager.getDevice().equals(Device.cpu())) {
            // host: a file's bytes are staged on the CPU on their way to the device, freed right after
            try (NDManager host = manager.newSubManager(Device.cpu())) {
                NDArray onDevice = filled(host, s, type).toDevice(manager.getDevice(), false);
                onDevice.attach(manager);
                return onDevice;
            }
        }
        return filled(manager, s, type);
    }

    /** The DJL type {@link #toNDArray} gives this tensor's dtype. */
    private DataType loadedType() {
        return switch (dtype()) {
            case F16, BF16 -> DataType.FLOAT32;
            case I16 -> DataType.INT32;
            default -> dtype().djlType();
        };
    }

    /** A new host array of the tensor, filled through a view of libtorch's own memory for it. */
    private NDArray filled(NDManager cpu, Shape s, DataType type) {
        NDArray out = cpu.create(s, type);                  // torch.empty: contiguous, owned by libtorch
        try {
            if (numel() > 0) {
                // a direct view of the array's memory (no copy), in native (little-endian) order
                fill(out.toByteBuffer(true));
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void fill(ByteBuffer dst) {
        switch (dtype()) {
            case F16, BF16 -> {
                ByteBuffer b = bytes();
                FloatBuffer f = dst.order(ByteOrder.nativeOrder()).asFloatBuffer();
                while (b.hasRemaining()) {
                    short h = b.getShort();
                    f.put(dtype() == DType.F16 ? HalfFloats.halfToFloat(h) : Float.intBitsToFloat((h & 0xFFFF) << 16));
                }
            }
            case I16 -> {
                ByteBuffer b = bytes();
                IntBuffer i = dst.order(ByteOrder.nativeOrder()).asIntBuffer();
                while (b.hasRemaining()) {
                    i.put(b.getShort());
                }
            }
            default -> {
                if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                    throw CheckpointException.of(storage.file(), "cannot load little-endian tensors on a big-endian machine");
                }
                if (isContiguous()) {
                    storage.copyTo(offset, numel(), dst);
                } else {
                    dst.put(bytes());
                }
            }
        }
    }

    @Override
    public String toString() {
        return dtype() + Arrays.toString(shape);
    }
}
