package sadtalker.image;

/**
 * SadTalker's {@code crop_info = ((ox2 − ox1, oy2 − oy1), crop, quad)} for paste-back, with the
 * quad already truncated as every consumer does. Note for paste-back ({@code paste_pic}): the
 * original pastes into the ORIGINAL image at {@code (clx + lx, cly + ly)}–{@code (clx + rx, cly + ry)}
 * (extended modes: the crop box), although these coordinates are in the image resized to
 * {@code rsize}; they differ only when {@code align_face} shrank a very large face.
 *
 * @param width {@code ox2 − ox1}
 * @param height {@code oy2 − oy1}
 * @param crop {@code (clx, cly, crx, cry)} in the (possibly shrunk) image; null in {@code resize} mode
 * @param quad {@code int()} of {@code (lx, ly, rx, ry)}; null in {@code resize} mode
 * @param resizedWidth the width the full image was resized to before cropping ({@code rsize})
 * @param resizedHeight its height
 */
public record CropInfo(int width, int height, int[] crop, int[] quad, int resizedWidth, int resizedHeight) {

    /**
     * The box {@code (ox1, oy1, ox2, oy2)} of {@code paste_pic}: the quad offset by the crop
     * rectangle, or the crop rectangle itself for {@code extfull}.
     *
     * @throws IllegalStateException in {@code resize} mode, which has no crop to paste into
     */
    public int[] pasteBox(boolean extendedCrop) {
        if (crop == null || quad == null) {
            throw new IllegalStateException("resize-mode crop info has no crop box to paste back into");
        }
        if (extendedCrop) {
            return crop.clone();
        }
        return new int[] {crop[0] + quad[0], crop[1] + quad[1], crop[0] + quad[2], crop[1] + quad[3]};
    }
}
