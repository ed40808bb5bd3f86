package sadtalker.bench;

import sadtalker.testkit.GeneratedParams;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.enhance.FaceAlign;
import sadtalker.image.FaceDetection;
import sadtalker.enhance.GFPGANv1Clean;
import sadtalker.enhance.GfpganConfig;
import sadtalker.enhance.GfpganEnhancer;
import sadtalker.enhance.ParseNet;
import sadtalker.enhance.PasteBack;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;
import sadtalker.image.CropInfo;
import sadtalker.image.CvImages;
import sadtalker.video.FullPaste;
import sadtalker.image.Image8;
import sadtalker.video.ResizeFrames;

/**
 * Frames per second of the GFPGAN enhancer (one face, 512×512 frame → 1024×1024) and of the
 * full-mode paste-back ({@code seamlessClone}) at the astronaut example's size (512×512).
 *
 * <p>Usage: {@code EnhanceBenchmark [modelsDir] [enhancerFrames] [pasteFrames]}. With a models
 * folder holding {@code GFPGANv1.4.pth} and {@code parsing_parsenet.pth} the real weights are used;
 * otherwise detweights of the same shapes (same cost). The face's 5 landmarks are fixed
 * (read off the picture: eyes, nose, mouth corners), standing in for RetinaFace, which is not timed.
 */
public final class EnhanceBenchmark {
    private EnhanceBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path models = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        int enhanceFrames = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int pasteFrames = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path png = SharedData.dir().resolve("examples/astronaut.png");
        Image8 bgr;
        try (Mat m = imread(png.toString(), IMREAD_COLOR)) {
            if (m.empty()) {
                throw new IllegalArgumentException("cannot read " + png);
            }
            bgr = CvImages.fromMat(m);
        }
        System.out.printf("astronaut.png %dx%d, %d CPU threads%n", bgr.width(), bgr.height(),
                Runtime.getRuntime().availableProcessors());

        // Full-mode paste: a 256-wide rendered frame back into the picture (crop box of the face region).
        CropInfo crop = new CropInfo(170, 190, new int[] {120, 10, 330, 230}, new int[] {20, 10, 190, 200}, 0, 0);
        Image8 frame = ResizeFrames.resize(List.of(chw(bgr, 256)), 256, 256, 256, 256, 256).get(0);
        FullPaste paste = new FullPaste(bgr, crop, false);
        paste.paste(frame);
        long t0 = System.nanoTime();
        for (int i = 0; i < pasteFrames; i++) {
            paste.paste(frame);
        }
        double pasteS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("paste_full (seamlessClone, 256x256 frame -> 170x190 box in 512x512): %.1f frames/s (%d frames, %.2f s)%n",
                pasteFrames / pasteS, pasteFrames, pasteS);

        // GFPGAN's own paste-back (2x LANCZOS4 background, parse-mask blend) of one restored face.
        FaceDetection probe = FaceDetection.ofRow(new float[] {
            165, 50, 290, 185, 0.99f, 200, 100, 245, 100, 224, 122, 205, 145, 243, 145});
        double[] affine = FaceAlign.estimateAffine(probe.landmarks5());
        Image8 restored = FaceAlign.warp(bgr, affine);
        byte[] classes = new byte[512 * 512];
        for (int y = 100; y < 420; y++) {
            java.util.Arrays.fill(classes, y * 512 + 100, y * 512 + 412, (byte) 1); // a face-sized skin region
        }
        List<PasteBack.Face> faces = List.of(new PasteBack.Face(restored, affine, classes));
        PasteBack.paste(bgr, faces, 2);
        long b0 = System.nanoTime();
        int backFrames = Math.max(1, pasteFrames / 5);
        for (int i = 0; i < backFrames; i++) {
            PasteBack.paste(bgr, faces, 2);
        }
        double backS = (System.nanoTime() - b0) / 1e9;
        System.out.printf("gfpgan paste-back (parse mask, 512x512 -> 1024x1024): %.1f frames/s (%d frames, %.2f s)%n",
                backFrames / backS, backFrames, backS);

        networkTimes(enhanceFrames);

        FaceDetection face = FaceDetection.ofRow(new float[] {
            165, 50, 290, 185, 0.99f, 200, 100, 245, 100, 224, 122, 205, 145, 243, 145});
        long l0 = System.nanoTime();
        GfpganEnhancer enhancer = models != null && Files.exists(models.resolve("GFPGANv1.4.pth"))
                ? GfpganEnhancer.load(sadtalker.model.ModelFile.GFPGAN.in(models), sadtalker.model.ModelFile.PARSING.in(models), null, ai.djl.Device.cpu()) : detweightsEnhancer();
        System.out.printf("enhancer loaded in %.1f s (%s weights)%n", (System.nanoTime() - l0) / 1e9,
                models != null ? "real" : "detweights");
        try (enhancer) {
            enhancer.enhance(bgr, List.of(face), GfpganEnhancer.Noise.RANDOM); // warm-up
            long e0 = System.nanoTime();
            Image8 out = null;
            for (int i = 0; i < enhanceFrames; i++) {
                out = enhancer.enhance(bgr, List.of(face), GfpganEnhancer.Noise.RANDOM).image();
            }
            double s = (System.nanoTime() - e0) / 1e9;
            System.out.printf("gfpgan enhancer (1 face, 512x512 -> %dx%d): %.3f frames/s (%.2f s/frame)%n",
                    out.width(), out.height(), enhanceFrames / s, s / enhanceFrames);
        }
    }

    /** Seconds per forward of each network alone (detweights, random input), to see where a frame goes. */
    private static void networkTimes(int n) {
        try (NDManager m = Torch.newCpuManager()) {
            StateDict none = StateDict.of(Path.of("detweights"), "", Map.of());
            GFPGANv1Clean g = new GFPGANv1Clean(GeneratedParams.of(1, "", none, m), GfpganConfig.GFPGAN_V14);
            ParseNet p = new ParseNet(GeneratedParams.of(2, "", none, m), ParseNet.Config.REAL);
            for (int i = 0; i <= n; i++) {
                try (NDManager s = m.newSubManager()) {
                    var x = s.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(1, 3, 512, 512));
                    long t0 = System.nanoTime();
                    g.forward(x, g.randomNoise(s)).toFloatArray();
                    long t1 = System.nanoTime();
                    p.forward(x).mask().argMax(1).toLongArray();
                    long t2 = System.nanoTime();
                    System.out.printf("  %s GFPGANv1Clean forward %.2f s, ParseNet forward + argmax %.2f s%n",
                            i == 0 ? "warm-up" : "run " + i, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                }
            }
        }
    }

    private static GfpganEnhancer detweightsEnhancer() {
        NDManager m = Torch.newCpuManager();
        StateDict none = StateDict.of(Path.of("detweights"), "", Map.of());
        GFPGANv1Clean g = new GFPGANv1Clean(GeneratedParams.of(1, "", none, m), GfpganConfig.GFPGAN_V14);
        ParseNet p = new ParseNet(GeneratedParams.of(2, "", none, m), ParseNet.Config.REAL);
        return new GfpganEnhancer(m, g, p, null);
    }

    /** The picture's centre resized to size×size as CHW floats in [0, 1] (a stand-in rendered frame). */
    private static float[] chw(Image8 img, int size) {
        float[] out = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    out[c * size * size + y * size + x] = img.at(y * img.height() / size, x * img.width() / size, c) / 255f;
                }
            }
        }
        return out;
    }
}
