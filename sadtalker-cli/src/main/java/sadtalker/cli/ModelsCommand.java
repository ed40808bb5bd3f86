package sadtalker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sadtalker.ModelFileException;
import sadtalker.ModelFiles;

/** {@code models check} and {@code models download}. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Check or download the official model files.",
        subcommands = {ModelsCommand.Check.class, ModelsCommand.Download.class})
final class ModelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Verifies each file (parse + manifest); exit 0 only if all are present and valid. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Verify every model file: present, parseable, keys and shapes as the official file.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--models", defaultValue = "models", description = "Models directory (default: ${DEFAULT-VALUE}).")
        Path models;

        @CommandLine.Mixin
        RunFiles run = new RunFiles();

        @Override
        public Integer call() {
            return report(spec.commandLine().getOut(), models, run.oldVersion, run.size(spec)) ? 0 : 1;
        }
    }

    /** Prints one line per model file of the default run; true if every one is present and valid. */
    static boolean report(PrintWriter out, Path models) {
        return report(out, models, false, 256);
    }

    /** Prints one line per model file a run with these settings needs; true if every one is present and valid. */
    static boolean report(PrintWriter out, Path models, boolean oldVersion, int size) {
        boolean ok = true;
        for (ModelFiles.Status s : ModelFiles.in(models).check(oldVersion, size)) {
            String state = switch (s.state()) {
                case OK -> "ok";
                case MISSING -> "MISSING (" + s.problem() + ")";
                case INVALID -> "INVALID: " + s.problem();
            };
            ok &= s.state() == ModelFiles.State.OK;
            out.printf("  %-36s %s%n", s.fileName(), state);
        }
        return ok;
    }

    /** Downloads missing or invalid files, resumable, verified, moved into place atomically. */
    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download the official model files that are missing or invalid.")
    static final class Download implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--models", defaultValue = "models", description = "Models directory (default: ${DEFAULT-VALUE}).")
        Path models;

        @CommandLine.Mixin
        RunFiles run = new RunFiles();

        @Option(names = "--base-url", description = "Fetch <base-url>/<file name> from a mirror instead of the official release pages.")
        URI baseUrl;

        @Parameters(arity = "0..*", paramLabel = "FILE",
                description = "Which files (official names, or constant names such as gfpgan); by default those of the run --size / --old_version pick.")
        List<String> names = List.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> files;
            try {
                int size = run.size(spec);
                files = names.isEmpty() ? ModelFiles.names(run.oldVersion, size) : names.stream().map(ModelFiles::officialName).toList();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ModelFiles dir = ModelFiles.in(models);
            ProgressBar bar = new ProgressBar(err);
            int failed = 0;
            for (String f : files) {
                try {
                    Path p = dir.download(f, baseUrl, bar::show);
                    bar.done();
                    out.printf("%-36s ok (%s)%n", f, p);
                } catch (IOException | ModelFileException e) {
                    bar.done();
                    err.printf("%-36s FAILED: %s%n", f, e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /**
     * Which run's files: SadTalker's {@code --old_version} and {@code --size}, as {@code generate}
     * takes them; the default run (256, safetensors) without them.
     */
    static final class RunFiles {
        @Option(names = "--size", defaultValue = "256", description = "The files of a run at this size, 256 or 512 (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = {"--old_version", "--old-version"}, description = "The legacy .pth files of a run with --old_version instead of the safetensors file.")
        boolean oldVersion;

        int size(CommandLine.Model.CommandSpec spec) {
            if (sadtalker.EngineOptions.sizeProblem(size) != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--" + sadtalker.EngineOptions.sizeProblem(size));
            }
            return size;
        }
    }

    /** A one-line progress bar on the terminal (stderr), redrawn in place. */
    static final class ProgressBar {
        private final PrintWriter err;
        private boolean drawn;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        void show(String label, long done, long total) {
            String amount = total > 0
                    ? String.format(Locale.ROOT, "%5.1f%% of %,d MB", 100.0 * done / total, total >> 20)
                    : String.format(Locale.ROOT, "%,d MB", done >> 20);
            int width = 30;
            int filled = total > 0 ? (int) (width * done / total) : 0;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + amount);
            err.flush();
            drawn = true;
        }

        void done() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }
    }
}
