package sadtalker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sadtalker.Devices;

/** Reports what this machine offers: Java, libtorch, CUDA devices and the model files. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check Java, the native library, CUDA devices and the model files.")
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", defaultValue = "models", description = "Models directory (default: ${DEFAULT-VALUE}).")
    Path models;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("java      %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vendor"));
        boolean ok = true;
        try {
            out.printf("libtorch  %s%n", Devices.libtorchVersion());
            int gpus = Devices.gpuCount();
            out.printf("cuda      %s%n", gpus > 0 ? gpus + " device(s)" : "none (CPU only; the server needs a GPU)");
        } catch (RuntimeException e) {
            out.printf("libtorch  NOT AVAILABLE: %s%n", e.getMessage());
            ok = false;
        }
        out.printf("models    %s%n", models.toAbsolutePath().normalize());
        boolean modelsOk = ModelsCommand.report(out, models);
        if (!modelsOk) {
            out.println("some model files are missing or invalid: './sadtalker models download' fetches them");
        }
        return ok && modelsOk ? 0 : 1;
    }
}
