package sadtalker.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.nn.Torch;
import sadtalker.render.FaceRenderer;
import sadtalker.render.FaceRenderers;
import sadtalker.render.RenderMode;

/**
 * Peak resident memory of loading checkpoints onto the CPU (issue 15: loading held several
 * copies of each file). Not a test. For each checkpoint file in the directory: every tensor
 * copied into libtorch and kept, as a network load does; then the renderer in both modes
 * ({@link FaceRenderers}) as the engine loads it. Each row starts from a fresh peak (clear_refs).
 *
 * <p>Usage: {@code LoadingBenchmark MODELS_DIR} (e.g. the synthetic models the tests cache under
 * {@code sadtalker-core/target/synthetic-models/g1-seed-1}; only read).
 */
public final class LoadingBenchmark {
    private LoadingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/synthetic-models/g1-seed-1");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        System.out.printf("%-36s %10s %14s %14s %14s%n", "load", "file", "resident before", "peak during", "resident after");
        for (Path f : files) {
            settle();
            long before = PeakMemory.resident();
            PeakMemory.reset();
            try (NDManager m = Torch.newManager(ai.djl.Device.cpu()); Checkpoint c = Checkpoint.open(f)) {
                StateDict all = stateDict(c);
                for (StoredTensor t : all.tensors().values()) {
                    t.toNDArray(m);
                }
                row(f.getFileName().toString() + " (" + all.tensors().size() + " tensors)", Files.size(f), before);
            } catch (RuntimeException e) {
                System.out.printf("%-36s skipped: %s%n", f.getFileName(), e.getMessage());
            }
        }
        if (Files.isRegularFile(dir.resolve(FaceRenderer.SAFETENSORS))) {
            settle();
            long before = PeakMemory.resident();
            PeakMemory.reset();
            try (FaceRenderers r = FaceRenderers.load(dir, ai.djl.Device.cpu(), RenderMode.FULL, RenderMode.CROP)) {
                row("renderer, both modes", Files.size(dir.resolve(FaceRenderer.SAFETENSORS))
                        + Files.size(dir.resolve(RenderMode.FULL.mappingFile()))
                        + Files.size(dir.resolve(RenderMode.CROP.mappingFile())), before);
            }
        }
    }

    /** Lets the previous row's garbage (direct buffers, mappings) go before the next row starts. */
    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
    }

    /** The flat dict, or the state dict a training checkpoint keeps under one key. */
    private static StateDict stateDict(Checkpoint c) {
        RuntimeException first = null;
        for (String container : new String[] {"", "mapping", "state_dict", "params_ema"}) {
            try {
                return StateDict.of(c, container);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    private static void row(String what, long fileBytes, long before) {
        System.out.printf("%-36s %10s %14s %14s %14s%n", what, PeakMemory.mib(fileBytes), PeakMemory.mib(before),
                PeakMemory.mib(PeakMemory.peak()), PeakMemory.mib(PeakMemory.resident()));
    }
}
