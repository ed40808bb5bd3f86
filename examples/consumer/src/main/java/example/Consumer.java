package example;

import java.nio.file.Path;
import sadtalker.GenerationResult;
import sadtalker.InvalidInputException;
import sadtalker.Mode;
import sadtalker.SadTalkerEngine;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.EngineOptions;
import sadtalker.MissingModelsException;

/** Uses the library the way an application would: load once, generate, close. */
public final class Consumer {
    private Consumer() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: consumer AUDIO IMAGE full|crop [MODELS_DIR]");
            System.exit(2);
        }
        Path models = Path.of(args.length > 3 ? args[3] : "models");
        Mode mode = Mode.valueOf(args[2].toUpperCase());
        try (SadTalkerEngine engine = SadTalkerEngine.load(EngineOptions.defaults(models))) {
            GenerationResult r = engine.generate(Path.of(args[0]), Path.of(args[1]), mode,
                    (stage, fraction) -> System.err.printf("%-12s %3.0f%%%n", stage, fraction * 100));
            System.out.println(r.output());
        } catch (InvalidInputException e) {
            System.err.println("cannot use the input: " + e.getMessage());
            System.exit(3);
        } catch (MissingModelsException | CheckpointException e) {
            System.err.println("models: " + e.getMessage());
            System.exit(1);
        }
    }
}
