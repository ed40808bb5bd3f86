package sadtalker.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import sadtalker.GenerationResult;
import sadtalker.Mode;
import sadtalker.SadTalkerEngine;
import sadtalker.EngineOptions;
import sadtalker.FaceHints;
import sadtalker.GenerationRequest;
import sadtalker.parity.ParityCase;
import sadtalker.testkit.SharedData;
import sadtalker.testkit.SpeechClips;
import sadtalker.testkit.SyntheticModels;

/**
 * Benchmark (not a test): the whole pipeline on CPU with real-size synthetic models, for each mode:
 * seconds of compute per second of audio, the time per stage, and the peak resident memory.
 *
 * <pre>bench/run sadtalker-core sadtalker.bench.EngineBenchmark [SECONDS_OF_AUDIO] [MODELS_DIR]</pre>
 * Without a models directory, synthetic checkpoints are written to a temporary one first.
 */
public final class EngineBenchmark {
    private EngineBenchmark() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.4;
        Path models = args.length > 1 ? Path.of(args[1])
                : SyntheticModels.write(Files.createTempDirectory("sadtalker-bench-models"), 3);
        Path out = Files.createTempDirectory("sadtalker-bench-out");
        Path image = SharedData.dir().resolve("examples/happy.png");
        Path audio = SpeechClips.write(out.resolve("speech.wav"), 0, (long) (seconds * 16000) + 160);
        float[] landmarks;
        try (ParityCase c = ParityCase.open(SharedData.dir().resolve("parity/cases/preprocess.crop_info--happy-full.safetensors"))) {
            landmarks = c.input("landmarks68").toFloatArray();
        }
        EngineOptions options = EngineOptions.builder(models).outputDir(out).build();
        FaceHints hints = args.length < 2 ? FaceHints.ofLandmarks(landmarks) : null;   // synthetic weights find no face
        long t0 = System.nanoTime();
        try (SadTalkerEngine engine = SadTalkerEngine.load(options)) {
            System.out.printf("models loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (Mode mode : Mode.values()) {
                long start = System.nanoTime();
                GenerationResult r = engine.generate(GenerationRequest.builder(audio, image, mode).faces(hints).build());
                double wall = (System.nanoTime() - start) / 1e9;
                double audioSeconds = r.frames() / 25.0;
                System.out.printf("%s: %d frames, %.1f s of compute per second of audio (%.1f s for %.2f s)%n", mode,
                        r.frames(), wall / audioSeconds, wall, audioSeconds);
                for (Map.Entry<String, java.time.Duration> e : r.timings().entrySet()) {
                    System.out.printf("    %-14s %8.2f s%n", e.getKey(), e.getValue().toNanos() / 1e9);
                }
            }
        }
        System.out.printf("peak resident memory %.2f GB, JVM heap max used %.2f GB%n", peakRssGb(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e9);
    }

    /** VmHWM of this process (Linux), in GB. */
    private static double peakRssGb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1e6;
            }
        }
        return -1;
    }
}
