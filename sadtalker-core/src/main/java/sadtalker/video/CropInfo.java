package sadtalker.video;

/**
 * SadTalker's {@code crop_info} in full mode ({@code CropAndExtract.generate}):
 * {@code ((w, h), (clx, cly, crx, cry), (lx, ly, rx, ry))}.
 *
 * @param width crop width {@code w} (float quad difference in the original)
 * @param height crop height {@code h}
 * @param clx left of the crop rectangle in the source picture
 * @param cly top of the crop rectangle
 * @param crx right of the crop rectangle
 * @param cry bottom of the crop rectangle
 * @param lx quad left, relative to the crop rectangle
 * @param ly quad top
 * @param rx quad right
 * @param ry quad bottom
 */
public record CropInfo(double width, double height, int clx, int cly, int crx, int cry,
        double lx, double ly, double rx, double ry) {

    /**
     * The box {@code (ox1, oy1, ox2, oy2)} of {@code paste_pic}: the quad with {@code int()}
     * (truncation toward zero) offset by the crop rectangle, or the crop rectangle itself for
     * {@code extfull}.
     */
    public int[] pasteBox(boolean extendedCrop) {
        if (extendedCrop) {
            return new int[] {clx, cly, crx, cry};
        }
        return new int[] {clx + (int) lx, cly + (int) ly, clx + (int) rx, cly + (int) ry};
    }
}
