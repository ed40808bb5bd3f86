package sadtalker.face.align;

import sadtalker.image.CropInfo;
import sadtalker.image.CvResize;
import sadtalker.image.Image8;

/**
 * The crop part of SadTalker {@code src/utils/preprocess.py::CropAndExtract.generate} with
 * {@code Preprocesser.crop(frames, still, xsize=512)}: {@code align_face}, {@code cv2.resize} to
 * rsize, the crop box and (unless {@code ext}) the quad box, then the {@code pic_size} frame.
 */
public final class FaceCropper {
    private FaceCropper() {}

    /**
     * The cropped region, the {@code picSize} square frame and the crop info; {@code quad} is
     * {@code align_face}'s float quad {@code (lx, ly, rx, ry)} before the {@code int()} that
     * {@code info} keeps (null in {@code resize} mode).
     */
    public record Result(Image8 cropped, Image8 frame, CropInfo info, double[] quad) {}

    /** {@code resize} mode: the whole image to the frame, {@code crop_info = ((W, H), None, None)}. */
    public static Result resizeOnly(Image8 image, int picSize) {
        CropInfo info = new CropInfo(image.width(), image.height(), null, null, image.width(), image.height());
        return new Result(image, CvResize.linear(image, picSize, picSize), info, null);
    }

    /** {@code lm68}: what {@code get_landmark} returns for {@code image} (136 floats). */
    public static Result crop(Image8 image, float[] lm68, CropMode mode, int picSize) {
        if (!mode.crops()) {
            throw new IllegalArgumentException("mode " + mode + " does not crop; use resizeOnly");
        }
        FaceAlignment a = AlignFace.align(lm68, image.width(), image.height(), AlignFace.OUTPUT_SIZE);
        int[] c = a.crop();
        int[] q = a.quadInt();
        Image8 resized = CvResize.linear(image, a.rsizeH(), a.rsizeW());
        Image8 cropped = resized.slice(c[1], c[0], c[3], c[2]);
        if (!mode.extended()) {
            cropped = cropped.slice(q[1], q[0], q[3], q[2]);
        }
        CropInfo info = new CropInfo(q[2] - q[0], q[3] - q[1], c.clone(), q, a.rsizeW(), a.rsizeH());
        Image8 frame = CvResize.linear(cropped, picSize, picSize);
        return new Result(cropped, frame, info, a.quad().clone());
    }
}
