package sadtalker.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.image.SourceImageException.Kind;
import sadtalker.image.SourceImageLoader;
import sadtalker.testkit.BadInputs;
import sadtalker.testkit.SharedData;

class SourceImageLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void missing_file_and_directory_are_not_files() {
        Path missing = tmp.resolve("nope.png");
        SourceImageException e = assertThrows(SourceImageException.class, () -> SourceImageLoader.load(missing));
        assertEquals(Kind.NOT_A_FILE, e.kind());
        assertTrue(e.getMessage().contains("nope.png"), e.getMessage());
        assertEquals(Kind.NOT_A_FILE, assertThrows(SourceImageException.class, () -> SourceImageLoader.load(tmp)).kind());
    }

    @Test
    void text_with_an_image_name_is_not_an_image() throws IOException {
        Path f = tmp.resolve("face.png");
        Files.writeString(f, "hello, I am not a picture");
        SourceImageException e = assertThrows(SourceImageException.class, () -> SourceImageLoader.load(f));
        assertEquals(Kind.NOT_AN_IMAGE, e.kind());
        assertTrue(e.getMessage().contains("face.png"), e.getMessage());
    }

    @Test
    void truncated_png_and_jpeg_are_refused() throws IOException {
        BufferedImage img = pattern(120, 90);
        for (String fmt : new String[] {"png", "jpg"}) {
            byte[] full = encode(img, fmt);
            Path f = tmp.resolve("cut." + fmt);
            Files.write(f, Arrays.copyOf(full, full.length / 2));
            SourceImageException e = assertThrows(SourceImageException.class, () -> SourceImageLoader.load(f));
            assertEquals(Kind.TRUNCATED, e.kind(), e.getMessage());
        }
    }

    @Test
    void bmp_gif_and_tiff_decode_like_png() throws IOException {
        BufferedImage img = pattern(64, 48);
        Image8 reference = null;
        for (String fmt : new String[] {"png", "bmp", "tiff"}) {
            Path f = tmp.resolve("p." + fmt);
            Files.write(f, encode(img, fmt));
            Image8 got = SourceImageLoader.load(f);
            if (reference == null) {
                reference = got;
                assertEquals(img.getRGB(10, 20) >> 16 & 0xFF, got.at(20, 10, 0));
                assertEquals(img.getRGB(10, 20) & 0xFF, got.at(20, 10, 2));
            } else {
                assertArrayEquals(reference.pixels(), got.pixels(), fmt);
            }
        }
        // GIF is palettised: only the size is compared
        Path gif = tmp.resolve("p.gif");
        Files.write(gif, encode(img, "gif"));
        Image8 g = SourceImageLoader.load(gif);
        assertEquals(64, g.width());
        assertEquals(48, g.height());
    }

    @Test
    void truncated_bmp_is_refused() throws IOException {
        byte[] full = encode(pattern(64, 48), "bmp");
        Path f = tmp.resolve("cut.bmp");
        Files.write(f, Arrays.copyOf(full, full.length - 500));
        assertEquals(Kind.TRUNCATED, assertThrows(SourceImageException.class, () -> SourceImageLoader.load(f)).kind());
    }

    @Test
    void tiny_image_is_too_small() throws IOException {
        Path f = tmp.resolve("tiny.png");
        Files.write(f, encode(pattern(16, 40), "png"));
        assertEquals(Kind.TOO_SMALL, assertThrows(SourceImageException.class, () -> SourceImageLoader.load(f)).kind());
    }

    @Test
    void decompression_bomb_is_refused_from_its_header() throws IOException {
        // a valid PNG header announcing 60000 × 60000 pixels, with no pixel data behind it
        Path f = tmp.resolve("bomb.png");
        Files.write(f, BadInputs.pngHeader(60_000, 60_000));
        SourceImageException e = assertThrows(SourceImageException.class, () -> SourceImageLoader.load(f));
        assertEquals(Kind.TOO_LARGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("60000"), e.getMessage());
    }

    @Test
    void gray_image_becomes_rgb_with_equal_channels() throws IOException {
        BufferedImage g = new BufferedImage(48, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                g.getRaster().setSample(x, y, 0, (x * 5 + y) & 0xFF);
            }
        }
        Path f = tmp.resolve("gray.png");
        Files.write(f, encode(g, "png"));
        Image8 img = SourceImageLoader.load(f);
        assertEquals(48, img.width());
        assertEquals(40, img.height());
        for (int c = 0; c < 3; c++) {
            assertEquals((7 * 5 + 3) & 0xFF, img.at(3, 7, c));
        }
    }

    @Test
    void alpha_is_dropped_keeping_rgb_in_order() throws IOException {
        BufferedImage a = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                a.setRGB(x, y, new Color(200, 100, 50, x < 20 ? 255 : 128).getRGB());
            }
        }
        Path f = tmp.resolve("alpha.png");
        Files.write(f, encode(a, "png"));
        Image8 img = SourceImageLoader.load(f);
        assertArrayEquals(new int[] {200, 100, 50}, new int[] {img.at(5, 5, 0), img.at(5, 5, 1), img.at(5, 5, 2)});
        assertArrayEquals(new int[] {200, 100, 50}, new int[] {img.at(5, 30, 0), img.at(5, 30, 1), img.at(5, 30, 2)});
    }

    @Test
    void format_comes_from_the_content_not_the_name() {
        // shared example: a JPEG saved under a .png name, 800 × 1200
        Image8 img = SourceImageLoader.load(SharedData.dir().resolve("examples/full_body_1.png"));
        assertEquals(800, img.width());
        assertEquals(1200, img.height());
    }

    @Test
    void exif_orientation_is_applied() throws IOException {
        // 64 wide × 40 high, left half red, right half blue; EXIF orientation 6 = rotate 90° clockwise to display
        BufferedImage src = new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = src.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 32, 40);
        g.setColor(Color.BLUE);
        g.fillRect(32, 0, 32, 40);
        g.dispose();
        Path f = tmp.resolve("rotated.jpg");
        Files.write(f, withExifOrientation(encode(src, "jpg"), 6));
        Image8 img = SourceImageLoader.load(f);
        assertEquals(40, img.width());
        assertEquals(64, img.height());
        // after a clockwise turn the original left (red) half is on top, the right (blue) half below
        assertTrue(img.at(10, 20, 0) > 200 && img.at(10, 20, 2) < 60, "top should be red");
        assertTrue(img.at(54, 20, 2) > 200 && img.at(54, 20, 0) < 60, "bottom should be blue");
    }

    private static BufferedImage pattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((x * 7) & 0xFF) << 16 | ((y * 3) & 0xFF) << 8 | ((x ^ y) & 0xFF));
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String fmt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, fmt, out), "no ImageIO writer for " + fmt);
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD0 entry: Orientation) right after SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
