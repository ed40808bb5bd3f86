package sadtalker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sadtalker.WorkDir;

/**
 * {@code demo}: the whole pipeline on the built-in example, a public-domain portrait and a
 * synthetic English sentence, so a new installation can be tried with the models alone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the whole pipeline on the built-in example (astronaut portrait, 5.7 s of speech).")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DemoOptions options = new DemoOptions();

    @Override
    public Integer call() throws IOException {
        try (WorkDir work = WorkDir.create(null)) {
            GenerateCommand generate = options.toGenerate(copy("astronaut.png", work), copy("speech_en_16k.wav", work));
            generate.spec = spec;
            return generate.call();
        }
    }

    private static Path copy(String name, WorkDir work) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo input " + name + " is missing from the jar");
            }
            Path target = work.file(name);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generate options that make sense for the demo. */
    static final class DemoOptions {
        @CommandLine.Option(names = {"-m", "--mode"}, defaultValue = "full", converter = ModeConverter.class, description = "full or crop (default: ${DEFAULT-VALUE}).")
        sadtalker.Mode mode;

        @CommandLine.Option(names = {"-o", "--output"}, defaultValue = "output", description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path output;

        @CommandLine.Option(names = "--models", defaultValue = "models", description = "Models directory (default: ${DEFAULT-VALUE}).")
        Path models;

        @CommandLine.Option(names = "--device", defaultValue = "auto", converter = DeviceConverter.class, description = "auto, cpu, gpu or gpu:N.")
        ai.djl.Device device;

        GenerateCommand toGenerate(Path image, Path audio) {
            GenerateCommand g = new GenerateCommand();
            g.image = image;
            g.audio = audio;
            g.mode = mode;
            g.output = output;
            g.models = models;
            g.device = device;
            g.batchSize = 2;
            g.faceThreshold = 0.97f;
            return g;
        }
    }
}
