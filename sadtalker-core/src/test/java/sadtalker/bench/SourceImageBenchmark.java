package sadtalker.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import sadtalker.face.align.CropMode;
import sadtalker.face.FaceModels;
import sadtalker.face.GeneratedFaceModels;
import sadtalker.face.SourceAnalysis;
import sadtalker.face.SourceImageAnalyzer;
import sadtalker.face.align.FanLandmarks;
import sadtalker.face.detect.RetinaFaceDetector;
import sadtalker.image.Image8;
import sadtalker.image.SourceImageLoader;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * Time per source image of the source-image stage ({@code CropAndExtract.generate}: detection and
 * landmarks on the full image, crop, landmarks on the frame, align_img, reconstruction) on CPU.
 *
 * <p>Arguments: {@code [image] [runs] [modelsDir]}. Without a models directory holding the official
 * files, detweights parameters are used with the detector's heads fixed to one 256-px face (the
 * network cost is the same; the crop geometry differs from a real face).
 */
public final class SourceImageBenchmark {
    private SourceImageBenchmark() {}

    /** One run of each network on the sizes the chain feeds it. */
    private static void breakdown(FaceModels m, NDManager manager, Path image) {
        Image8 img = SourceImageLoader.load(image);
        RetinaFaceDetector det = new RetinaFaceDetector(m.detector());
        long s = System.nanoTime();
        det.detect(img, false, manager);
        System.out.printf("  RetinaFace on %d×%d: %.3f s%n", img.width(), img.height(), (System.nanoTime() - s) / 1e9);
        s = System.nanoTime();
        new FanLandmarks(m.alignment()).landmarks98(img.slice(0, 0, 144, 144), manager);
        System.out.printf("  FAN (4 hourglasses, 256 input): %.3f s%n", (System.nanoTime() - s) / 1e9);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.zeros(new Shape(1, 3, 224, 224));
            s = System.nanoTime();
            m.recon().forward(x);
            System.out.printf("  ReconNet (ResNet-50, 224): %.3f s%n", (System.nanoTime() - s) / 1e9);
        }
    }

    public static void main(String[] args) {
        Path image = args.length > 0 ? Path.of(args[0]) : SharedData.dir().resolve("examples/happy.png");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path models = args.length > 2 ? Path.of(args[2]) : null;
        try (NDManager manager = Torch.newCpuManager()) {
            long t0 = System.nanoTime();
            FaceModels m = models != null && Files.isDirectory(models) ? FaceModels.load(models, manager)
                    : GeneratedFaceModels.create(5, true, manager);
            System.out.printf("models: %s, loaded in %.1f s; libtorch %s, %d CPU threads available%n",
                    models != null ? models : "generated (detweights)", (System.nanoTime() - t0) / 1e9, Torch.version(),
                    Runtime.getRuntime().availableProcessors());
            try (SourceImageAnalyzer analyzer = new SourceImageAnalyzer(m, manager)) {
                long w = System.nanoTime();
                SourceAnalysis warm = analyzer.analyze(image, CropMode.CROP);
                System.out.printf("warm-up: %.3f s (source %d×%d, crop %d×%d)%n", (System.nanoTime() - w) / 1e9,
                        warm.sourceWidth(), warm.sourceHeight(), warm.cropInfo().width(), warm.cropInfo().height());
                long total = 0;
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    analyzer.analyze(image, CropMode.CROP);
                    total += System.nanoTime() - s;
                }
                System.out.printf("source image stage (CPU): %.3f s per image (%s, mean of %d runs)%n",
                        total / 1e9 / runs, image.getFileName(), runs);
                breakdown(m, manager, image);
            }
        }
    }
}
