package sadtalker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;

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
        try (Checkpoint c = Checkpoint.open(file)) {
            StateDict dict = StateDict.of(c, container);
            long total = 0;
            for (Map.Entry<String, StoredTensor> e : dict.tensors().entrySet()) {
                StoredTensor t = e.getValue();
                out.printf("%-70s %-5s %s%n", e.getKey(), t.dtype(), Arrays.toString(t.shape()));
                total += t.numel();
            }
            out.printf("%d tensors, %d elements (%s)%n", dict.tensors().size(), total, c.getClass().getSimpleName());
            return 0;
        } catch (CheckpointException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (StackOverflowError | OutOfMemoryError e) {
            // The readers bound what a file may declare; this is the last resort, never a raw crash.
            spec.commandLine().getErr().println("error: " + file + ": cannot be read (" + e + ")");
            return 1;
        }
    }
}
