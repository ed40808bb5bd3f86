package sadtalker.server;

import java.util.function.IntSupplier;

/**
 * The service runs on a GPU or not at all: SadTalker on a CPU takes minutes per second of video,
 * which no HTTP client waits for. {@code --allow-cpu} lifts this, for development and tests only.
 */
final class CudaGate {
    private final IntSupplier gpuCount;

    CudaGate(IntSupplier gpuCount) {
        this.gpuCount = gpuCount;
    }

    /** Null if the service may start, else the message to print before exiting. */
    String refusal(boolean allowCpu) {
        int gpus;
        try {
            gpus = gpuCount.getAsInt();
        } catch (RuntimeException e) {
            return "sadtalker-server: cannot start: libtorch could not be loaded: " + e.getMessage();
        }
        if (gpus > 0 || allowCpu) {
            return null;
        }
        return "sadtalker-server: refusing to start: CUDA is not available (libtorch sees no GPU). "
                + "Build with 'mvn -Pcuda package' and run on a machine with an NVIDIA GPU and driver; "
                + "'--allow-cpu' starts it on the CPU for development and tests only.";
    }
}
