package sadtalker.face;

import sadtalker.image.SourceImageException;
import sadtalker.face.align.CropMode;
import sadtalker.image.CropInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sadtalker.image.SourceImageException.Kind;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/** The whole source-image chain on generated weights (its numerics are pinned by the preprocess.* parity cases). */
class SourceImageAnalyzerTest {
    private static final Path HAPPY = SharedData.dir().resolve("examples/happy.png");
    private static NDManager manager;
    private static FaceModels faces;
    private static FaceModels noFaces;

    /** Generating ~75 M detweights values takes a while: once per class. */
    @BeforeAll
    static void models() {
        manager = Torch.newCpuManager();
        faces = GeneratedFaceModels.create(5, true, manager);
        noFaces = new FaceModels(GeneratedFaceModels.detector(5, false, manager), faces.alignment(),
                faces.recon());
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    @Test
    void no_face_is_a_typed_error_naming_the_image() {
        try (SourceImageAnalyzer a = new SourceImageAnalyzer(noFaces, manager)) {
            SourceImageException e = assertThrows(SourceImageException.class, () -> a.analyze(HAPPY, CropMode.CROP));
            assertEquals(Kind.NO_FACE, e.kind());
            assertTrue(e.getMessage().contains("happy.png") && e.getMessage().contains("no face found"), e.getMessage());
        }
    }

    @Test
    void full_chain_gives_frame_coefficients_and_crop_info() {
        try (SourceImageAnalyzer a = new SourceImageAnalyzer(faces, manager)) {
            SourceAnalysis r = a.analyze(HAPPY, CropMode.FULL);
            assertEquals(256, r.frame().width());
            assertEquals(256, r.frame().height());
            assertEquals(257, r.full3dmm().length);
            assertEquals(73, r.coeff3dmm().length);
            // coeff_3dmm = exp 80:144 | angle 224:227 | trans 254:257 | (s, tx, ty)
            assertArrayEquals(Arrays.copyOfRange(r.full3dmm(), 80, 144), Arrays.copyOfRange(r.coeff3dmm(), 0, 64));
            assertArrayEquals(Arrays.copyOfRange(r.full3dmm(), 224, 227), Arrays.copyOfRange(r.coeff3dmm(), 64, 67));
            assertArrayEquals(Arrays.copyOfRange(r.full3dmm(), 254, 257), Arrays.copyOfRange(r.coeff3dmm(), 67, 70));
            for (float v : r.coeff3dmm()) {
                assertTrue(Float.isFinite(v));
            }
            assertTrue(r.coeff3dmm()[70] > 0, "scale s must be positive");
            CropInfo info = r.cropInfo();
            assertEquals(info.quad()[2] - info.quad()[0], info.width());
            assertEquals(info.quad()[3] - info.quad()[1], info.height());
            assertEquals(256, r.sourceWidth());
            assertEquals(136, r.landmarks68().length);
        }
    }

    @Test
    void resize_mode_crops_nothing() {
        try (SourceImageAnalyzer a = new SourceImageAnalyzer(faces, manager)) {
            SourceAnalysis r = a.analyze(HAPPY, CropMode.RESIZE);
            assertEquals(256, r.cropInfo().width());
            assertEquals(256, r.cropInfo().height());
            assertEquals(null, r.cropInfo().crop());
            assertEquals(73, r.coeff3dmm().length);
        }
    }
}
