package sadtalker.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Element types a checkpoint may store, with their names in each container format.
 *
 * <p>Safetensors names them in its header ({@code "F32"}); PyTorch pickles name them through the
 * storage class ({@code torch.FloatStorage}). Every type is little-endian on disk.
 */
public enum DType {
    F64(8, "DoubleStorage", DataType.FLOAT64),
    F32(4, "FloatStorage", DataType.FLOAT32),
    F16(2, "HalfStorage", DataType.FLOAT16),
    BF16(2, "BFloat16Storage", DataType.FLOAT32), // DJL 0.29 cannot create BF16 from a buffer: widened on load
    I64(8, "LongStorage", DataType.INT64),
    I32(4, "IntStorage", DataType.INT32),
    I16(2, "ShortStorage", DataType.INT32),       // no INT16 in DJL: widened on load
    I8(1, "CharStorage", DataType.INT8),
    U8(1, "ByteStorage", DataType.UINT8),
    BOOL(1, "BoolStorage", DataType.BOOLEAN);

    private final int bytes;
    private final String torchStorage;
    private final DataType djl;

    DType(int bytes, String torchStorage, DataType djl) {
        this.bytes = bytes;
        this.torchStorage = torchStorage;
        this.djl = djl;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The DJL type an {@link StoredTensor#toNDArray} of this dtype has. */
    public DataType djlType() {
        return djl;
    }

    /** True for the floating-point types. */
    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The dtype of a safetensors header entry ({@code "F32"}, {@code "BF16"}, ...), or null. */
    public static DType fromSafetensors(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "F64" -> F64;
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            case "I64" -> I64;
            case "I32" -> I32;
            case "I16" -> I16;
            case "I8" -> I8;
            case "U8" -> U8;
            case "BOOL" -> BOOL;
            default -> null;
        };
    }

    /** The safetensors spelling of this dtype. */
    public String safetensorsName() {
        return name();
    }

    /** The dtype of a PyTorch storage class name such as {@code FloatStorage}, or null. */
    public static DType fromTorchStorage(String className) {
        for (DType t : values()) {
            if (t.torchStorage.equals(className)) {
                return t;
            }
        }
        return null;
    }

    /** The PyTorch storage class name ({@code FloatStorage}) of this dtype. */
    public String torchStorageName() {
        return torchStorage;
    }
}
