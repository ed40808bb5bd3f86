package sadtalker.face;

import sadtalker.image.CropInfo;
import sadtalker.image.Image8;

/**
 * What {@code CropAndExtract.generate} produces for a source image.
 *
 * @param frame the {@code pic_size} square face frame (the PNG the original writes; RGB)
 * @param coeff3dmm the 73 coefficients {@code [exp 64 | angle 3 | trans 3 | s, tx, ty]}; the rest of
 *     SadTalker reads the first 70
 * @param full3dmm the raw 257 coefficients of the reconstruction network
 * @param landmarks68 the 68 landmarks of {@code frame} (x, y pixels, y down)
 * @param cropInfo the crop geometry that {@code full} mode pastes back with
 * @param source the decoded source image (RGB, EXIF orientation applied): what {@code full} mode
 *     pastes the generated face back into
 * @param quad {@code align_face}'s float quad {@code (lx, ly, rx, ry)}, of which {@code cropInfo}
 *     keeps {@code int()} as the original's {@code crop_info} does; null in {@code resize} mode
 */
public record SourceAnalysis(Image8 frame, float[] coeff3dmm, float[] full3dmm, float[] landmarks68,
        CropInfo cropInfo, Image8 source, double[] quad) {

    /** Width of the decoded source image. */
    public int sourceWidth() {
        return source.width();
    }

    /** Height of the decoded source image. */
    public int sourceHeight() {
        return source.height();
    }
}
