package sadtalker.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import sadtalker.nn.Torch;
import sadtalker.parity.ParityCase;
import sadtalker.render.GeneratorConfig;
import sadtalker.render.KPDetector;
import sadtalker.render.KPDetectorConfig;
import sadtalker.render.MakeAnimation;
import sadtalker.render.MappingConfig;
import sadtalker.render.MappingNet;
import sadtalker.render.OcclusionAwareSPADEGenerator;
import sadtalker.render.blocks.SlicedConv3d;
import sadtalker.testkit.SharedData;

/**
 * Frames per second of the face renderer at real widths (256×256, facerender.yaml) on the CPU, for
 * several batch sizes, with the peak resident memory of each run. Not a test.
 *
 * <p>Weights: the real-width parity cases' detweights with their converged spectral-norm vectors
 * (the official checkpoints are not on the development machines; speed does not depend on the
 * values). Usage: {@code FaceRendererBenchmark [frames=8] [batch sizes=1,2,8]}; set
 * {@code -Dsadtalker.render.conv3dSlab=N} to time the depth-sliced mask conv.
 */
public final class FaceRendererBenchmark {
    private FaceRendererBenchmark() {}

    public static void main(String[] args) throws IOException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int[] batchSizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2, 8};
        Path cases = SharedData.dir().resolve("parity/cases");
        System.out.printf("libtorch %s, %d intra-op threads, %d cores, conv3d slab depth %d%n", Torch.version(),
                Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()),
                Runtime.getRuntime().availableProcessors(), SlicedConv3d.DEFAULT_SLAB_DEPTH);
        try (NDManager m = Torch.newCpuManager();
                ParityCase gen = ParityCase.open(cases.resolve("facerender.generator--real-happy-256.safetensors"));
                ParityCase kp = ParityCase.open(cases.resolve("facerender.kp_detector--happy-256.safetensors"));
                ParityCase map = ParityCase.open(cases.resolve("facerender.mapping--crop-bs3.safetensors"))) {
            long t0 = System.nanoTime();
            MakeAnimation animation = new MakeAnimation(new KPDetector(kp.params(m), KPDetectorConfig.SADTALKER_256),
                    new OcclusionAwareSPADEGenerator(gen.params(m), GeneratorConfig.SADTALKER_256),
                    new MappingNet(map.params(m), MappingConfig.CROP));
            System.out.printf("networks built in %.1f s, resident %s%n", (System.nanoTime() - t0) / 1e9,
                    PeakMemory.mib(PeakMemory.resident()));
            NDArray source = gen.input("source_image", m);                          // (1, 3, 256, 256)
            NDArray windows = map.input("semantics", m);                             // (3, 70, 27)
            NDArray sourceSemantics = windows.get("0:1");
            NDArray target = windows.get("1:3").repeat(0, (frames + 1) / 2).get("0:" + frames)
                    .reshape(1, frames, 70, 27);
            run(animation, source, sourceSemantics, target.get(":, 0:1"), 1);       // warm-up: libraries, caches
            System.out.println("batch  frames  seconds  frames/s  resident before  peak resident");
            for (int batch : batchSizes) {
                System.gc();                        // drop loading garbage (direct buffers) before measuring
                long before = PeakMemory.resident();
                if (!PeakMemory.reset()) {
                    System.out.println("(cannot reset the peak resident size: it is the process's since start)");
                }
                long start = System.nanoTime();
                run(animation, source, sourceSemantics, target, batch);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%5d  %6d  %7.1f  %8.3f  %15s  %s%n", batch, frames, seconds, frames / seconds,
                        PeakMemory.mib(before), PeakMemory.mib(PeakMemory.peak()));
            }
        }
    }

    private static void run(MakeAnimation animation, NDArray source, NDArray sourceSemantics, NDArray target, int batch) {
        animation.stream(source, sourceSemantics, target, null, null, null, batch, (row, first, out) -> {
            if (out.getShape().get(0) == 0 || !out.getShape().equals(new Shape(out.getShape().get(0), 3, 256, 256))) {
                throw new IllegalStateException("unexpected frames " + out.getShape());
            }
        });
    }
}
