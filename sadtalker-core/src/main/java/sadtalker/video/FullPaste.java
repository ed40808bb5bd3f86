package sadtalker.video;

import sadtalker.image.CropInfo;
import sadtalker.image.CvImages;
import sadtalker.image.Image8;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_photo.NORMAL_CLONE;
import static org.bytedeco.opencv.global.opencv_photo.seamlessClone;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One frame of {@code src/utils/paste_pic.py : paste_pic} ({@code --preprocess full/extfull}):
 * the rendered crop frame is resized to its box in the original picture and Poisson-blended in
 * with OpenCV's own {@code seamlessClone(NORMAL_CLONE)} (a re-implemented solver would not match).
 * Poisson blending works per channel, so RGB or BGR gives the same result as long as both images
 * use the same order.
 */
public final class FullPaste {
    private final Image8 full;
    private final CropInfo crop;
    private final boolean extendedCrop;
    private final int[] box;

    /**
     * @param full the original picture (same channel order as the frames)
     * @param crop where the face crop came from
     * @param extendedCrop {@code extfull}: paste into the whole crop rectangle, not the quad
     */
    public FullPaste(Image8 full, CropInfo crop, boolean extendedCrop) {
        this.full = full;
        this.crop = crop;
        this.extendedCrop = extendedCrop;
        this.box = crop.pasteBox(extendedCrop);
        int w = box[2] - box[0];
        int h = box[3] - box[1];
        if (w < 3 || h < 3) {
            throw new IllegalArgumentException("paste box " + w + "x" + h + " from " + crop + " is too small to clone");
        }
        if (box[0] < 0 || box[1] < 0 || box[2] > full.width() || box[3] > full.height()) {
            throw new IllegalArgumentException("paste box (" + box[0] + ", " + box[1] + ")-(" + box[2] + ", " + box[3]
                    + ") lies outside the " + full.width() + "x" + full.height() + " picture");
        }
    }

    /** Pastes one rendered frame (any size: it is resized to the box); returns a new picture. */
    public Image8 paste(Image8 frame) {
        int ox1 = box[0];
        int oy1 = box[1];
        int ox2 = box[2];
        int oy2 = box[3];
        try (Mat src = CvImages.toMat(frame); Mat p = new Mat(); Mat dst = CvImages.toMat(full);
                Mat out = new Mat()) {
            resize(src, p, new Size(ox2 - ox1, oy2 - oy1), 0, 0, INTER_LINEAR);
            try (Mat mask = new Mat(p.rows(), p.cols(), CV_8UC3, new Scalar(255, 255, 255, 0));
                    Point center = new Point(Math.floorDiv(ox1 + ox2, 2), Math.floorDiv(oy1 + oy2, 2))) {
                seamlessClone(p, dst, mask, center, out, NORMAL_CLONE);
            }
            return CvImages.fromMat(out);
        }
    }

    public CropInfo crop() {
        return crop;
    }

    public boolean extendedCrop() {
        return extendedCrop;
    }
}
