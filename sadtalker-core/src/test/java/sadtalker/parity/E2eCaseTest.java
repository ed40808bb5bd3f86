package sadtalker.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.testkit.SharedData;

/** Reading the public end-to-end cases' metadata, and comparing an output of one against itself. */
class E2eCaseTest {
    private static Path crop() {
        return SharedData.dir().resolve("parity/e2e/e2e.crop--astronaut-radio31-3f.safetensors");
    }

    @Test
    void reads_config_inputs_and_tolerances() {
        try (E2eCase c = E2eCase.open(crop())) {
            assertEquals("e2e.crop", c.stage());
            assertEquals("astronaut-radio31-3f", c.name());
            assertEquals("crop", c.mode());
            assertEquals(1, c.seed());
            assertEquals(2, c.batchSize());
            assertEquals(3, c.numFrames());
            assertEquals(256, c.size());
            assertFalse(c.still());
            assertEquals("astronaut.png", c.imageName());
            assertEquals(c.inputs().subList(0, 4), java.util.List.of("audio_bytes", "image_bytes", "landmarks_source", "landmarks_frame"));
            assertEquals(1, c.rows("pose_latents").size());
            assertEquals(64, c.rows("pose_latents").get(0).length);
            assertEquals(new OutputTolerance.Exact(), c.tolerance("crop_box"));
            assertInstanceOf(ImageTolerance.class, c.tolerance("frames"));
            // the image file: a PNG signature
            byte[] image = c.bytes("image_bytes");
            assertEquals((byte) 0x89, image[0]);
            assertEquals('P', image[1]);
        }
    }

    /** Each comparator passes an expected output against itself and fails it when altered. */
    @Test
    void compares_an_output_with_one_parity_line() {
        try (E2eCase c = E2eCase.open(crop())) {
            byte[] frame = new byte[256 * 256 * 3];
            c.expected("crop_frame").bytes().get(frame);
            long[] shape = {256, 256, 3};
            E2eCase.OutputCheck same = c.checkImage("crop_frame", frame, shape);
            assertTrue(same.passed(), same.line());
            assertTrue(same.line().startsWith("PARITY e2e.crop"), same.line());
            assertTrue(same.line().contains("astronaut-radio31-3f:crop_frame") && same.line().contains(" PASS "), same.line());
            frame[5] ^= 1; // crop_frame is exact: one level fails
            E2eCase.OutputCheck off = c.checkImage("crop_frame", frame, shape);
            assertFalse(off.passed(), off.line());
            assertTrue(off.line().contains(" FAIL "), off.line());

            long[] box = c.expected("crop_box").toLongArray();
            assertTrue(c.checkExact("crop_box", box, new long[] {4}).passed());
            box[0]++;
            assertFalse(c.checkExact("crop_box", box, new long[] {4}).passed());

            float[] coeff = c.expected("first_coeff").toFloatArray();
            assertTrue(c.checkFloats("first_coeff", coeff, new long[] {1, 73}).passed());
            coeff[3] += 2e-4f; // atol 1e-4
            assertFalse(c.checkFloats("first_coeff", coeff, new long[] {1, 73}).passed());
            // a comparator of the wrong kind for the output is a test bug, said plainly
            assertThrows(IllegalArgumentException.class, () -> c.checkExact("first_coeff", new long[73], new long[] {1, 73}));
        }
    }

    @Test
    void a_stage_case_is_not_an_e2e_case() {
        Path stageCase = SharedData.dir().resolve("parity/cases/audio.indiv_mels--short-7frames.safetensors");
        CheckpointException e = assertThrows(CheckpointException.class, () -> E2eCase.open(stageCase));
        assertTrue(e.getMessage().contains("not an end-to-end case"), e.getMessage());
    }
}
