package sadtalker.video;

import sadtalker.image.CropInfo;
import sadtalker.image.Image8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame resize and full-mode paste: sizes as the stage doc states them, and bad input refused by name. */
class VideoInputsTest {
    @Test
    void resized_height_truncates_img_size_times_aspect() {
        // (width = img_size, height = int(img_size·h/w)) with double arithmetic.
        assertArrayEquals(new int[] {256, (int) (256 * 211.7 / 300.2)}, ResizeFrames.outputSize(300.2, 211.7, 256));
        assertArrayEquals(new int[] {512, 512}, ResizeFrames.outputSize(10, 10, 512));
    }

    @Test
    void img_as_ubyte_rounds_half_to_even_and_refuses_out_of_range() {
        float half = 0.5f / 255f; // ·255 lands on 0.5 (or next to it) in float32
        Image8 u = ResizeFrames.toUint8(new float[] {0f, half, 1f, -0.5f, 0, 0, 0, 0, 0, 0, 0, 0}, 2, 2);
        assertEquals(0, u.at(0, 0, 0));
        assertEquals((int) Math.rint(half * 255f), u.at(0, 1, 0));
        assertEquals(255, u.at(1, 0, 0));
        assertEquals(0, u.at(1, 1, 0), "negatives clip to 0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResizeFrames.toUint8(new float[] {0, 0, 0, 1.5f, 0, 0, 0, 0, 0, 0, 0, 0}, 2, 2));
        assertTrue(e.getMessage().contains("outside [-1, 1]"), e.getMessage());
    }

    @Test
    void paste_box_outside_the_picture_is_refused() {
        Image8 full = Image8.blank(100, 100);
        CropInfo inside = new CropInfo(50, 50, new int[] {10, 10, 80, 80}, new int[] {5, 5, 55, 55}, 100, 100);
        assertArrayEquals(new int[] {15, 15, 65, 65}, inside.pasteBox(false));
        assertArrayEquals(new int[] {10, 10, 80, 80}, inside.pasteBox(true));
        Image8 out = new FullPaste(full, inside, false).paste(Image8.blank(40, 40));
        assertEquals(100, out.width());
        CropInfo outside = new CropInfo(50, 50, new int[] {60, 60, 120, 120}, new int[] {5, 5, 55, 55}, 100, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FullPaste(full, outside, true));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void image_size_and_pixels_must_agree() {
        assertThrows(IllegalArgumentException.class, () -> new Image8(2, 2, new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> new Image8(0, 2, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ResizeFrames.resize(List.of(new float[5]), 2, 2, 10, 10, 4));
    }
}
