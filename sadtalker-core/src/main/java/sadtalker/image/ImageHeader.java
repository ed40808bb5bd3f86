package sadtalker.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image's pixel size read from its header only, so that an absurdly large image (a
 * decompression bomb) is refused before anything allocates its pixels; and a check that the data
 * is complete where a decoder would otherwise silently fill in the missing part (libjpeg decodes
 * a truncated JPEG as a partly grey image).
 */
final class ImageHeader {
    private ImageHeader() {}

    /** {@code (width, height)} from the header; throws IOException if the header is unreadable. */
    static int[] size(byte[] data, ImageFormat format) throws IOException {
        if (format == ImageFormat.WEBP) {
            return webpSize(data);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no header reader for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException("unreadable " + format + " header: " + e.getMessage(), e);
        }
    }

    /** True if the data visibly ends before the format's end marker. */
    static boolean truncated(byte[] d, ImageFormat format) {
        return switch (format) {
            case JPEG -> lastIndexOf(d, new byte[] {(byte) 0xFF, (byte) 0xD9}) < 2;
            case PNG -> lastIndexOf(d, new byte[] {'I', 'E', 'N', 'D'}) < 8;
            case GIF -> lastIndexOf(d, new byte[] {0x3B}) < 13;
            case WEBP -> d.length < 8 + (Integer.toUnsignedLong(le32(d, 4)));
            case BMP -> Integer.toUnsignedLong(le32(d, 2)) > d.length; // bfSize, the whole file's size
            default -> false;
        };
    }

    private static int[] webpSize(byte[] d) throws IOException {
        if (d.length < 30) {
            throw new IOException("WebP header is cut short");
        }
        String chunk = new String(d, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> new int[] {1 + le24(d, 24), 1 + le24(d, 27)};
            case "VP8L" -> {
                int bits = le32(d, 21);
                yield new int[] {1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF)};
            }
            case "VP8 " -> new int[] {((d[26] & 0xFF) | (d[27] & 0xFF) << 8) & 0x3FFF,
                ((d[28] & 0xFF) | (d[29] & 0xFF) << 8) & 0x3FFF};
            default -> throw new IOException("unknown WebP chunk '" + chunk + "'");
        };
    }

    private static int le24(byte[] d, int o) {
        return (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8 | (d[o + 2] & 0xFF) << 16;
    }

    private static int le32(byte[] d, int o) {
        return le24(d, o) | (d[o + 3] & 0xFF) << 24;
    }

    private static int lastIndexOf(byte[] d, byte[] pattern) {
        outer:
        for (int i = d.length - pattern.length; i >= 0; i--) {
            for (int k = 0; k < pattern.length; k++) {
                if (d[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
