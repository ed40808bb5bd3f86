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
public record CropInfo(int width, int height, int[] crop, int[] quad, int resizedWidth, int resizedHeight) {}
