package sadtalker.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.audio.AudioDecoder;
import sadtalker.audio.AudioHParams;
import sadtalker.audio.MelSpectrogram;
import sadtalker.audio.MelWindows;
import sadtalker.coeff.AudioToCoeff;
import sadtalker.coeff.LatentNoise;
import sadtalker.image.CropInfo;
import sadtalker.face.align.CropMode;
import sadtalker.face.FaceGeometry;
import sadtalker.face.SourceAnalysis;
import sadtalker.face.SourceImageAnalyzer;
import sadtalker.face.align.AlignFace;
import sadtalker.face.detect.RetinaFaceDecoder;
import sadtalker.face.align.FaceAlignment;
import sadtalker.image.SourceImageLoader;
import sadtalker.Mode;
import sadtalker.RenderStageAccess;
import sadtalker.model.ModelFile;
import sadtalker.video.ResizeFrames;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * Proves the synthetic models equal the end-to-end reference's (their sha256 cannot: other
 * pickle framing) by reproducing each public e2e case's early outputs from its inputs with stage
 * classes on {@link E2eModels}: source analysis with the given landmarks ({@code first_coeff},
 * {@code full_3dmm}, crop size / box / quad, {@code crop_frame}) and audio → coefficients with the
 * recorded blink ratio and pose latents ({@code coeff_3dmm}), and for the shortest cases the renderer
 * ({@code render_frames}: the spectral-norm and anti-alias values), each within the case's tolerance.
 * Not the engine runner: that one calls {@code SadTalkerEngine.generate} itself.
 */
class E2eEarlyStagesTest {
    /** Cases this short also run the renderer (about 12 s a frame on a CI core pair). */
    private static final int RENDER_MAX_FRAMES = 3;

    @TempDir
    static Path tmp;

    static List<Path> cases() throws IOException {
        Path dir = SharedData.dir().resolve("parity/e2e");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("e2e.") && p.toString().endsWith(".safetensors"))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> early_outputs_match_the_original() throws IOException {
        List<Path> files = cases();
        assertTrue(!files.isEmpty(), "no e2e.* cases in shared/parity/e2e");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static void run(Path file) throws IOException {
        try (E2eCase c = E2eCase.open(file)) {
            Path models = E2eModels.dir(c.seed(), ModelFile.SADTALKER, ModelFile.DETECTION, ModelFile.ALIGNMENT);
            Path work = Files.createTempDirectory(tmp, c.name());
            List<E2eCase.OutputCheck> checks = new ArrayList<>();

            SourceAnalysis face;
            try (SourceImageAnalyzer analyzer = SourceImageAnalyzer.load(models, RetinaFaceDecoder.CONF_THRESHOLD, Device.cpu())) {
                Path image = c.writeInput("image_bytes", work, c.imageName());
                FaceGeometry given = new FaceGeometry(c.input("landmarks_source").toFloatArray(),
                        c.input("landmarks_frame").toFloatArray());
                face = analyzer.analyze(SourceImageLoader.load(image), image, CropMode.parse(c.preprocess()),
                        c.size(), given);
            }
            checks.add(c.checkFloats("first_coeff", face.coeff3dmm(), new long[] {1, face.coeff3dmm().length}));
            checks.add(c.checkFloats("full_3dmm", face.full3dmm(), new long[] {1, face.full3dmm().length}));
            CropInfo info = face.cropInfo();
            checks.add(c.checkExact("crop_size", new long[] {info.width(), info.height()}, new long[] {2}));
            checks.add(c.checkExact("crop_box", longs(info.crop()), new long[] {4}));
            // The product keeps only int() of the quad (CropInfo); the case holds the float quad, which
            // align_face computes from the same landmarks: compare that, and that it truncates to ours.
            FaceAlignment aligned = AlignFace.align(c.input("landmarks_source").toFloatArray(), face.sourceWidth(),
                    face.sourceHeight(), AlignFace.OUTPUT_SIZE);
            assertArrayEquals(aligned.quadInt(), info.quad(), "the product's quad is int() of align_face's");
            float[] quad = new float[4];
            for (int i = 0; i < 4; i++) {
                quad[i] = (float) aligned.quad()[i];
            }
            checks.add(c.checkFloats("crop_quad", quad, new long[] {4}));
            checks.add(c.checkImage("crop_frame", face.frame().pixels(),
                    new long[] {face.frame().height(), face.frame().width(), 3}));

            Path audio = c.writeInput("audio_bytes", work, c.audioName());
            MelWindows mels = MelWindows.of(AudioDecoder.decode(audio), new MelSpectrogram(AudioHParams.SADTALKER));
            int t = mels.numFrames();
            assertEquals(c.numFrames(), t, "frame count from the audio");
            float[] ref = new float[t * AudioToCoeff.COEFFS];
            for (int i = 0; i < t; i++) {
                System.arraycopy(face.coeff3dmm(), 0, ref, i * AudioToCoeff.COEFFS, AudioToCoeff.COEFFS);
            }
            float[][] coeffs;
            try (AudioToCoeff a2c = AudioToCoeff.load(ModelFile.SADTALKER.in(models), Device.cpu());
                    NDManager m = Torch.newCpuManager()) {
                NDArray melArray = mels.toNDArray(m);
                NDArray refArray = m.create(ref, new Shape(1, t, AudioToCoeff.COEFFS));
                NDArray ratio = m.create(c.input("blink_ratio").toFloatArray(), new Shape(1, t, 1));
                coeffs = a2c.generate(melArray, refArray, ratio, c.poseStyle(), LatentNoise.replay(c.rows("pose_latents")));
            }
            float[] flat = new float[t * AudioToCoeff.COEFFS];
            for (int i = 0; i < t; i++) {
                System.arraycopy(coeffs[i], 0, flat, i * AudioToCoeff.COEFFS, AudioToCoeff.COEFFS);
            }
            checks.add(c.checkFloats("coeff_3dmm", flat, new long[] {t, AudioToCoeff.COEFFS}));
            if (t <= RENDER_MAX_FRAMES) {
                checks.add(c.checkImage("render_frames", render(c, models, coeffs, face), new long[] {t, c.size(), c.size(), 3}));
            }

            checks.forEach(k -> System.out.println(k.line()));
            List<String> failed = checks.stream().filter(k -> !k.passed()).map(E2eCase.OutputCheck::line).toList();
            assertTrue(failed.isEmpty(), String.join("\n", failed));
        }
    }

    /**
     * The renderer's frames as uint8 HWC RGB, as the engine renders them (consecutive frames in
     * batches, where the original renders frames {i, n+i} and a padding frame: about 1 level apart).
     */
    private static byte[] render(E2eCase c, Path models, float[][] coeffs, SourceAnalysis face) {
        Mode mode = switch (c.mode()) {
            case "full" -> Mode.FULL;
            case "crop" -> Mode.CROP;
            default -> throw new IllegalArgumentException(c.file() + ": unknown mode " + c.mode());
        };
        int size = c.size();
        int plane = size * size * 3;
        byte[] out = new byte[coeffs.length * plane];
        long start = System.nanoTime();
        try (RenderStageAccess renderer = RenderStageAccess.load(E2eModels.dir(c.seed(), ModelFile.SADTALKER,
                ModelFile.MAPPING_FULL, ModelFile.MAPPING_CROP), Device.cpu()); NDManager m = Torch.newCpuManager()) {
            renderer.render(mode, coeffs, face, c.batchSize(), m, (done, total, frames) -> {
                int k = (int) frames.getShape().get(0);
                float[] all = frames.toFloatArray();
                for (int i = 0; i < k; i++) {
                    float[] chw = java.util.Arrays.copyOfRange(all, i * plane, (i + 1) * plane);
                    System.arraycopy(ResizeFrames.toUint8(chw, size, size).pixels(), 0, out, (done - k + i) * plane, plane);
                }
            });
        }
        System.out.printf("e2e: %s rendered %d frames in %.1f s%n", c.name(), coeffs.length, (System.nanoTime() - start) / 1e9);
        return out;
    }

    private static long[] longs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
