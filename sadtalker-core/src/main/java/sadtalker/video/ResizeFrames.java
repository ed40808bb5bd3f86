package sadtalker.video;

import sadtalker.image.CvImages;
import sadtalker.image.Image8;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import org.bytedeco.opencv.global.opencv_imgproc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The end of {@code src/facerender/animate.py : AnimateFromCoeff.generate}: rendered frames
 * {@code (T, 3, H, W)} in [0, 1] become uint8 RGB frames of the face crop's aspect:
 * {@code img_as_ubyte} (float32 {@code rint(x·255)}, half to even) then
 * {@code cv2.resize(frame, (img_size, int(img_size·h/w)))} (INTER_LINEAR).
 */
public final class ResizeFrames {
    private ResizeFrames() {}

    /** The output size {@code (width, height)} for a crop of {@code (w, h)}: height truncates toward zero. */
    public static int[] outputSize(double cropWidth, double cropHeight, int imgSize) {
        if (!(cropWidth > 0) || !(cropHeight > 0) || imgSize <= 0) {
            throw new IllegalArgumentException("crop size " + cropWidth + "x" + cropHeight + " and img_size "
                    + imgSize + " must be positive");
        }
        int height = (int) (imgSize * cropHeight / cropWidth);
        if (height <= 0) {
            throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " gives frames of height 0");
        }
        return new int[] {imgSize, height};
    }

    /** As {@link #resize(List, int, int, double, double, int)} for the renderer's {@code (T, 3, H, W)} output. */
    public static List<Image8> resize(NDArray frames, double cropWidth, double cropHeight, int imgSize) {
        Shape s = frames.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("rendered frames must be (T, 3, H, W), got " + s);
        }
        int t = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        // host: cv2-style resizing and the 8-bit frames for paste-back and encoding are Java pixels
        float[] all = frames.toType(DataType.FLOAT32, false).toFloatArray();
        List<float[]> list = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            list.add(Arrays.copyOfRange(all, i * 3 * h * w, (i + 1) * 3 * h * w));
        }
        return resize(list, h, w, cropWidth, cropHeight, imgSize);
    }

    /**
     * @param frames {@code T} frames, each {@code 3·h·w} floats in CHW order (RGB, [0, 1])
     * @return RGB frames of width {@code imgSize} and height {@code int(imgSize·cropHeight/cropWidth)}
     */
    public static List<Image8> resize(List<float[]> frames, int h, int w, double cropWidth, double cropHeight,
            int imgSize) {
        int[] size = outputSize(cropWidth, cropHeight, imgSize);
        List<Image8> out = new ArrayList<>(frames.size());
        for (float[] chw : frames) {
            Image8 u8 = toUint8(chw, h, w);
            try (Mat src = CvImages.toMat(u8); Mat dst = new Mat()) {
                opencv_imgproc.resize(src, dst, new Size(size[0], size[1]), 0, 0, INTER_LINEAR);
                out.add(CvImages.fromMat(dst));
            }
        }
        return out;
    }

    /**
     * skimage 0.19 {@code img_as_ubyte} of a float image, transposed CHW → HWC: values outside
     * [-1, 1] are an error (as there), negatives clip to 0, then {@code rint(x·255)} in float32.
     */
    public static Image8 toUint8(float[] chw, int h, int w) {
        if (chw.length != 3 * h * w) {
            throw new IllegalArgumentException("a 3x" + h + "x" + w + " frame needs " + (3 * h * w)
                    + " values, got " + chw.length);
        }
        byte[] px = new byte[h * w * 3];
        int plane = h * w;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                float v = chw[c * plane + i];
                if (!(v >= -1f && v <= 1f)) {
                    throw new IllegalArgumentException("frame value " + v + " at channel " + c + ", pixel " + i
                            + " is outside [-1, 1] (img_as_ubyte refuses it)");
                }
                float scaled = v * 255f; // float32 product, as numpy does on a float32 array
                int q = v < 0 ? 0 : (int) Math.rint(scaled);
                px[i * 3 + c] = (byte) q;
            }
        }
        return new Image8(h, w, px);
    }
}
