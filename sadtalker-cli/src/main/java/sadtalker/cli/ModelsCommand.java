package sadtalker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.model.ModelCheck;
import sadtalker.model.ModelDownloader;
import sadtalker.model.ModelFile;

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

        @Override
        public Integer call() {
            return report(spec.commandLine().getOut(), models) ? 0 : 1;
        }
    }

    /** Prints one line per model file; true if every one is present and valid. */
    static boolean report(PrintWriter out, Path models) {
        boolean ok = true;
        for (ModelFile f : ModelFile.values()) {
            String state;
            if (!f.presentIn(models)) {
                state = "MISSING (" + f.url() + ")";
                ok = false;
            } else {
                try {
                    ModelCheck.verify(f.in(models), f);
                    state = "ok";
                } catch (CheckpointException e) {
                    state = "INVALID: " + e.getMessage();
                    ok = false;
                } catch (StackOverflowError | OutOfMemoryError e) {
                    state = "INVALID: cannot be read (" + e + ")";
                    ok = false;
                }
            }
            out.printf("  %-36s %s%n", f.fileName(), state);
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

        @Option(names = "--base-url", description = "Fetch <base-url>/<file name> from a mirror instead of the official release pages.")
        URI baseUrl;

        @Parameters(arity = "0..*", paramLabel = "FILE",
                description = "Which files (official names or ${COMPLETION-CANDIDATES}); all by default.")
        List<String> names = List.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<ModelFile> files;
            try {
                files = names.isEmpty() ? List.of(ModelFile.values()) : names.stream().map(Download::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ModelDownloader downloader = baseUrl == null ? new ModelDownloader()
                    : new ModelDownloader(f -> URI.create(baseUrl.toString().replaceAll("/$", "") + "/" + f.fileName()),
                            Duration.ofSeconds(60));
            ProgressBar bar = new ProgressBar(err);
            int failed = 0;
            for (ModelFile f : files) {
                try {
                    Path p = downloader.download(f, models, (file, done, total) -> bar.show(file.fileName(), done, total));
                    bar.done();
                    out.printf("%-36s ok (%s)%n", f.fileName(), p);
                } catch (IOException | CheckpointException e) {
                    bar.done();
                    err.printf("%-36s FAILED: %s%n", f.fileName(), e.getMessage());
                    failed++;
                } catch (StackOverflowError | OutOfMemoryError e) {
                    bar.done();
                    err.printf("%-36s FAILED: cannot be read (%s)%n", f.fileName(), e);
                    try {
                        java.nio.file.Files.deleteIfExists(models.resolve(f.fileName() + ".part"));
                    } catch (IOException ignored) {
                        // reported as failed already
                    }
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }

        private static ModelFile parse(String name) {
            for (ModelFile f : ModelFile.values()) {
                if (f.fileName().equals(name) || f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown model file '" + name + "'; known: "
                    + java.util.Arrays.stream(ModelFile.values()).map(ModelFile::fileName).toList());
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
