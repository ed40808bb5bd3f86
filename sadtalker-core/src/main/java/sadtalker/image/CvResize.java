package sadtalker.image;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code cv2.resize(img, (w, h))} with the default INTER_LINEAR on uint8, run by OpenCV itself:
 * its 11-bit fixed-point bilinear (and its switch to INTER_AREA for an exact 2× downscale) is what
 * the original's crop geometry and FAN input depend on. Same size → copy.
 */
public final class CvResize {
    private CvResize() {}

    /** Resizes {@code img} to {@code height × width} ({@code cv2.resize(img, (width, height))}). */
    public static Image8 linear(Image8 img, int height, int width) {
        if (width == img.width() && height == img.height()) {
            return new Image8(height, width, img.pixels().clone());
        }
        try (BytePointer src = new BytePointer(img.pixels());
                Mat in = new Mat(img.height(), img.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3, src);
                Mat out = new Mat();
                Size size = new Size(width, height)) {
            opencv_imgproc.resize(in, out, size, 0, 0, opencv_imgproc.INTER_LINEAR);
            byte[] data = new byte[width * height * 3];
            if (out.isContinuous()) {
                out.data().get(data);
            } else {
                throw new IllegalStateException("OpenCV returned a non-continuous resize result");
            }
            return new Image8(height, width, data);
        }
    }
}
