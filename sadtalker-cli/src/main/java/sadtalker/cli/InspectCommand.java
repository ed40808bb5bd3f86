package sadtalker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sadtalker.ModelFileException;
import sadtalker.ModelFiles;

/** Lists the tensors of a checkpoint file (any supported format) without running anything from it. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "List the tensors (key, dtype, shape) of a checkpoint file.")
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "A .safetensors, .pth or .pth.tar file.")
    Path file;

    @Option(names = "--container", defaultValue = "",
            description = "Where the state dict sits: a top-level key (params_ema, mapping) or a key prefix ending in '.' (generator.).")
    String container;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ModelFiles.Inventory inventory = ModelFiles.inspect(file, container);
            for (ModelFiles.Tensor t : inventory.tensors()) {
                out.printf("%-70s %-5s %s%n", t.key(), t.dtype(), Arrays.toString(t.shape()));
            }
            out.printf("%d tensors, %d elements (%s)%n", inventory.tensors().size(), inventory.elements(),
                    inventory.format());
            return 0;
        } catch (ModelFileException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}
