package sadtalker.image;

/**
 * An 8-bit RGB image, row-major HWC ({@code data[(y·width + x)·3 + c]}), the layout SadTalker's
 * numpy arrays have after {@code cv2.cvtColor(BGR2RGB)}.
 */
public record RgbImage(int width, int height, byte[] data) {

    public RgbImage {
        if (width <= 0 || height <= 0 || data.length != (long) width * height * 3) {
            throw new IllegalArgumentException("RGB image " + width + "×" + height + " needs " + (long) width * height * 3
                    + " bytes, got " + data.length);
        }
    }

    /** The value of channel {@code c} at {@code (x, y)}, 0–255. */
    public int get(int x, int y, int c) {
        return data[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The region {@code [x1, x2) × [y1, y2)}, clamped to the image as numpy slicing is for non-negative bounds. */
    public RgbImage slice(int x1, int y1, int x2, int y2) {
        int ax1 = Math.max(0, Math.min(x1, width));
        int ay1 = Math.max(0, Math.min(y1, height));
        int ax2 = Math.max(ax1, Math.min(x2, width));
        int ay2 = Math.max(ay1, Math.min(y2, height));
        int w = ax2 - ax1;
        int h = ay2 - ay1;
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("empty region [" + x1 + ", " + x2 + ") × [" + y1 + ", " + y2 + ") of a "
                    + width + "×" + height + " image");
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(data, ((ay1 + y) * width + ax1) * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }
}
