package sadtalker;

import ai.djl.Device;
import sadtalker.nn.Torch;

/**
 * The runtime facts a shell (server, CLI) needs to choose {@link EngineOptions#device()} and to
 * report its set-up, without reaching into the engine's internals.
 */
public final class Devices {
    private Devices() {}

    /** Number of CUDA devices libtorch can use (0 on the CPU build or without a GPU). */
    public static int gpuCount() {
        return Torch.gpuCount();
    }

    /** The first GPU if libtorch sees one, else the CPU. */
    public static Device best() {
        return gpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** libtorch's version, e.g. {@code 2.3.1}. */
    public static String libtorchVersion() {
        return Torch.version();
    }
}
