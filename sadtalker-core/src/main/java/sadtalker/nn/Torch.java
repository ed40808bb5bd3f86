package sadtalker.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;

/**
 * The one entry to DJL's PyTorch engine. It switches DJL to offline mode before the engine loads,
 * so libtorch always comes from the {@code pytorch-native-*} jar on the class path and is never
 * downloaded at run time; a missing native library becomes a clear start-up error.
 */
public final class Torch {
    public static final String ENGINE = "PyTorch";

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private Torch() {}

    /** The loaded PyTorch engine. */
    public static Engine engine() {
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException("libtorch could not be loaded (DJL runs offline, so the native library "
                    + "must come from the pytorch-native-cpu or pytorch-native-cu121 jar on the class path): "
                    + e.getMessage(), e);
        }
    }

    /** A new root manager on {@code device}. */
    public static NDManager newManager(Device device) {
        return engine().newBaseManager(device);
    }

    /** A new root manager on the CPU. */
    public static NDManager newCpuManager() {
        return newManager(Device.cpu());
    }

    /** Number of CUDA devices libtorch can use (0 on the CPU build or without a GPU). */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /** libtorch's version, e.g. {@code 2.3.1}. */
    public static String version() {
        return engine().getVersion();
    }
}
