package sadtalker.enhance;

import sadtalker.image.FaceDetection;
import sadtalker.testkit.GeneratedParams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LANCZOS4;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;
import sadtalker.testkit.TorchWriter;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;
import sadtalker.image.CvImages;
import sadtalker.image.Image8;

/**
 * The enhancer loads files laid out like the official ones (keys and shapes from the manifests,
 * GFPGAN in a zip under {@code params_ema}, ParseNet as a bare legacy state dict) strictly, and
 * follows GFPGANer where no network runs: faces with eyes closer than 5 px are skipped and the
 * frame is only upscaled 2× with LANCZOS4.
 */
class GfpganEnhancerTest {
    @TempDir
    Path dir;

    private static Manifest manifest(String name) throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.dir().resolve("parity/manifests/" + name + ".json"))) {
            return Manifest.read(in);
        }
    }

    private static Map<String, StoredTensor> synthetic(Manifest m, long seed) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Manifest.Entry e : m.tensors()) {
            out.put(e.key(), Tensors.detweights(e.key(), e.shape(), seed));
        }
        return out;
    }

    @Test
    void loads_official_layout_strictly_and_skips_faces_with_close_eyes() throws IOException {
        Map<String, Object> gfpgan = new LinkedHashMap<>();
        gfpgan.put("params_ema", TorchWriter.stateDict(synthetic(manifest("GFPGANv1.4.pth"), 14)));
        TorchWriter.writeZip(dir.resolve("GFPGANv1.4.pth"), gfpgan);
        TorchWriter.writeLegacy(dir.resolve("parsing_parsenet.pth"),
                TorchWriter.stateDict(synthetic(manifest("parsing_parsenet.pth"), 15)));

        Image8 frame = gradient(60, 80);
        FaceDetection tiny = FaceDetection.ofRow(new float[] {
            10, 10, 30, 30, 0.99f, 15, 15, 18, 16, 17, 20, 15, 24, 19, 24}); // eyes 3.2 px apart
        assertTrue(tiny.eyeDistance() < GfpganEnhancer.EYE_DIST_THRESHOLD);
        try (GfpganEnhancer e = GfpganEnhancer.load(sadtalker.model.ModelFile.GFPGAN.in(dir), sadtalker.model.ModelFile.PARSING.in(dir), bgr -> List.of(tiny), ai.djl.Device.cpu())) {
            GfpganEnhancer.Result r = e.enhance(frame);
            assertEquals(0, r.restoredFaces().size(), "the close-eyed face is skipped");
            Image8 expected;
            try (Mat src = CvImages.toMat(frame); Mat dst = new Mat()) {
                resize(src, dst, new Size(160, 120), 0, 0, INTER_LANCZOS4);
                expected = CvImages.fromMat(dst);
            }
            assertEquals(120, r.image().height());
            assertEquals(160, r.image().width());
            assertArrayEquals(expected.pixels(), r.image().pixels(), "no face: the 2x LANCZOS4 background");
            assertArrayEquals(expected.swapRedBlue().pixels(), e.enhanceRgb(frame.swapRedBlue()).pixels(),
                    "the RGB entry swaps channels around the BGR enhancer");
        }
    }

    @Test
    void a_missing_or_misshapen_parsenet_key_is_named() throws IOException {
        Map<String, StoredTensor> sd = synthetic(manifest("parsing_parsenet.pth"), 15);
        sd.remove("decoder.3.conv2.norm.norm.running_var");
        sd.put("out_mask_conv.conv2d.bias", Tensors.detweights("x", new long[] {18}, 1));
        try (NDManager m = Torch.newCpuManager()) {
            Params p = Params.of(StateDict.of(dir.resolve("parsing_parsenet.pth"), "", sd), m);
            new ParseNet(p, ParseNet.Config.REAL);
            CheckpointException ex = assertThrows(CheckpointException.class, p::finish);
            assertTrue(ex.getMessage().contains("decoder.3.conv2.norm.norm.running_var"), ex.getMessage());
            assertTrue(ex.getMessage().contains("out_mask_conv.conv2d.bias"), ex.getMessage());
        }
    }

    @Test
    void gfpgan_refuses_wrong_input_size_and_noise_count() {
        try (NDManager m = Torch.newCpuManager()) {
            StateDict none = StateDict.of(dir.resolve("none"), "", Map.of());
            GfpganConfig c = new GfpganConfig(64, 64, 1, 0.125, true);
            GFPGANv1Clean g = new GFPGANv1Clean(GeneratedParams.of(1, "", none, m), c);
            var ok = m.zeros(new ai.djl.ndarray.types.Shape(1, 3, 64, 64));
            var bad = m.zeros(new ai.djl.ndarray.types.Shape(1, 3, 32, 32));
            assertThrows(IllegalArgumentException.class, () -> g.forward(bad, g.storedNoise()));
            assertThrows(IllegalArgumentException.class, () -> g.forward(ok, g.storedNoise().subList(0, 3)));
            assertEquals(List.of(1L, 3L, 64L, 64L), List.of(g.forward(ok, g.randomNoise(m)).getShape().getShape()[0], 3L,
                    64L, 64L));
        }
        assertThrows(IllegalArgumentException.class, () -> new GfpganConfig(500, 512, 2, 1, true));
    }

    @Test
    void detections_need_five_landmarks() {
        assertThrows(IllegalArgumentException.class, () -> FaceDetection.ofRow(new float[14]));
        assertThrows(IllegalArgumentException.class, () -> FaceAlign.estimateAffine(new float[8]));
        assertThrows(IllegalArgumentException.class,
                () -> FaceAlign.estimateAffine(new float[] {1, 2, 3, Float.NaN, 5, 6, 7, 8, 9, 10}));
    }

    private static Image8 gradient(int h, int w) {
        byte[] px = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (x * 3);
                px[i + 1] = (byte) (y * 4);
                px[i + 2] = (byte) ((x + y) * 2);
            }
        }
        return new Image8(h, w, px);
    }
}
