package sadtalker.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import sadtalker.image.SourceImageException;
import sadtalker.image.SourceImageException.Kind;

/**
 * Reads a source image as the original's {@code cv2.imread(path)} + {@code cvtColor(BGR2RGB)}
 * does: OpenCV decodes it ({@code IMREAD_COLOR}: EXIF orientation applied, alpha dropped,
 * grayscale replicated, 16-bit scaled to 8), the format is recognised from the content, never the
 * file name. Before decoding, the file and the header's pixel count are checked, so a
 * decompression bomb is refused without allocating it; a truncated file is refused instead of
 * being decoded with a grey tail.
 */
public final class SourceImageLoader {
    /** Smallest side accepted: below this no face can be detected and cropped. */
    public static final int MIN_SIDE = 32;
    /** Largest side accepted. */
    public static final int MAX_SIDE = 20_000;
    /** Largest pixel count accepted (100 MP; decoded that is 300 MB of RGB). */
    public static final long MAX_PIXELS = 100_000_000L;
    /** Largest file accepted. */
    public static final long MAX_BYTES = 256L << 20;

    private SourceImageLoader() {}

    /** Loads {@code path} as RGB. */
    public static Image8 load(Path path) {
        return decode(read(path), path);
    }

    /**
     * Refuses {@code path} for everything {@link #load} would refuse before decoding its pixels
     * (missing, too many bytes, not an image, header size, truncation), with the same messages.
     */
    public static void check(Path path) {
        checkHeader(read(path), path);
    }

    private static byte[] read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SourceImageException(Kind.NOT_A_FILE, path,
                    Files.exists(path) ? "not a regular file" : "no such file");
        }
        byte[] data;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new SourceImageException(Kind.TOO_LARGE, path,
                        "file is " + size + " bytes, more than the " + MAX_BYTES + " accepted");
            }
            data = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SourceImageException(Kind.NOT_A_FILE, path, "cannot be read: " + e.getMessage(), e);
        }
        return data;
    }

    /** Decodes image bytes; {@code name} is used in error messages. */
    public static Image8 decode(byte[] data, Path name) {
        ImageFormat format = checkHeader(data, name);
        Image8 img = imdecode(data);
        if (img == null) {
            throw new SourceImageException(Kind.TRUNCATED, name, format + " data is truncated or corrupt (decoding failed)");
        }
        checkSize(img.width(), img.height(), name);
        return img;
    }

    /** The format of {@code data}, after the checks that need no decoding. */
    private static ImageFormat checkHeader(byte[] data, Path name) {
        ImageFormat format = ImageFormat.sniff(data);
        if (format == null) {
            throw new SourceImageException(Kind.NOT_AN_IMAGE, name,
                    "not an image (content is not PNG, JPEG, BMP, GIF, TIFF or WebP)");
        }
        int[] wh;
        try {
            wh = ImageHeader.size(data, format);
        } catch (IOException e) {
            throw new SourceImageException(Kind.TRUNCATED, name, format + " header is truncated or corrupt: "
                    + e.getMessage(), e);
        }
        checkSize(wh[0], wh[1], name);
        if (ImageHeader.truncated(data, format)) {
            throw new SourceImageException(Kind.TRUNCATED, name, format + " data is truncated (no end marker)");
        }
        return format;
    }

    private static void checkSize(int w, int h, Path name) {
        if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
            throw new SourceImageException(Kind.TOO_LARGE, name, w + "×" + h + " pixels is beyond the accepted "
                    + MAX_SIDE + " px per side and " + MAX_PIXELS / 1_000_000 + " MP (refused before decoding)");
        }
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw new SourceImageException(Kind.TOO_SMALL, name, w + "×" + h + " pixels is too small for a face (at least "
                    + MIN_SIDE + "×" + MIN_SIDE + ")");
        }
    }

    /** OpenCV's imdecode with IMREAD_COLOR, then BGR → RGB; null if OpenCV cannot decode it. */
    private static Image8 imdecode(byte[] data) {
        try (BytePointer buf = new BytePointer(data);
                Mat raw = new Mat(1, data.length, opencv_core.CV_8UC1, buf);
                Mat bgr = opencv_imgcodecs.imdecode(raw, opencv_imgcodecs.IMREAD_COLOR);
                Mat rgb = new Mat()) {
            if (bgr == null || bgr.empty() || bgr.type() != opencv_core.CV_8UC3) {
                return null;
            }
            opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
            byte[] out = new byte[rgb.rows() * rgb.cols() * 3];
            rgb.data().get(out);
            return new Image8(rgb.rows(), rgb.cols(), out);
        }
    }
}
