package sadtalker.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sadtalker.GenerationResult;
import sadtalker.InputCheck;
import sadtalker.InvalidInputException;
import sadtalker.Mode;
import sadtalker.SadTalkerEngine;
import sadtalker.ModelFileException;
import sadtalker.EngineOptions;
import sadtalker.MissingModelsException;

/** {@code generate}: one picture and one recording to an MP4 in the output directory. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Make an MP4 of the face in IMAGE speaking AUDIO.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (models, disk, ...)", "2:bad usage", "3:the audio or image cannot be used"})
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-a", "--audio"}, required = true, description = "Speech recording (WAV, MP3, M4A, FLAC, OGG).")
    Path audio;

    @Option(names = {"-i", "--image"}, required = true, description = "Face picture (PNG, JPEG, ...).")
    Path image;

    @Option(names = {"-m", "--mode"}, defaultValue = "full", converter = ModeConverter.class,
            description = "full: animate the face and paste it back into the whole picture (still pose); crop: the face crop. Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = {"-o", "--output"}, defaultValue = "output", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--models", defaultValue = "models", description = "Models directory (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--batch-size", defaultValue = "2", description = "Frames rendered per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", converter = DeviceConverter.class,
            description = "auto (a GPU if libtorch sees one), cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    Device device;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random blinks, pose and GFPGAN noise.")
    long seed;

    @Option(names = "--face-threshold", defaultValue = "0.97",
            description = "Detection score a face must exceed (default: ${DEFAULT-VALUE}, as SadTalker).")
    float faceThreshold;

    @Option(names = "--size", defaultValue = "256",
            description = "Face crop and renderer size, 256 or 512 (SadTalker's --size; 512 loads SadTalker_V0.0.2_512.safetensors). Default: ${DEFAULT-VALUE}.")
    int size = 256;                  // also for the demo, which makes this command without picocli

    @Option(names = {"--old_version", "--old-version"},
            description = "Load the legacy .pth checkpoints (auido2exp_00300-model.pth, auido2pose_00140-model.pth, facevid2vid_00189-model.pth.tar, epoch_20.pth) instead of the safetensors file, as SadTalker's --old_version.")
    boolean oldVersion;

    @Option(names = "--no-enhance", description = "Skip GFPGAN (faster; not the original's output).")
    boolean noEnhance;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Mode m = mode;
        EngineOptions options;
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        if (EngineOptions.sizeProblem(size) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + EngineOptions.sizeProblem(size));
        }
        try {
            options = EngineOptions.builder(models).outputDir(output).batchSize(batchSize).device(DeviceConverter.resolve(device))
                    .seed(seed).enhance(!noEnhance).faceThreshold(faceThreshold).size(size).oldVersion(oldVersion).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return run(options, m, out, err);
    }

    int run(EngineOptions options, Mode m, PrintWriter out, PrintWriter err) {
        // The inputs before the models (loading them costs seconds and gigabytes), with the engine's own
        // check: the service and the engine say the same about the same file.
        InputCheck check = InputCheck.of(options);
        try {
            check.audio(audio);
        } catch (InvalidInputException e) {
            err.println("error: --audio " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            check.image(image);
        } catch (InvalidInputException e) {
            err.println("error: --image " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        ModelsCommand.ProgressBar bar = new ModelsCommand.ProgressBar(err);
        try (SadTalkerEngine engine = SadTalkerEngine.load(options)) {
            GenerationResult r = engine.generate(audio, image, m,
                    (stage, fraction) -> bar.show(stage, Math.round(fraction * 1000), 1000));
            bar.done();
            out.println(r.output());
            err.printf(Locale.ROOT, "%d frames (%.2f s of video)%n", r.frames(), r.duration().toMillis() / 1000.0);
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            bar.done();
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (MissingModelsException | ModelFileException e) {
            bar.done();
            err.println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
