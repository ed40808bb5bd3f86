package sadtalker.image;

import java.util.Objects;

/**
 * An 8-bit, 3-channel image in row-major HWC layout ({@code pixels[(y·width + x)·3 + c]}), as
 * numpy/OpenCV hold {@code uint8 [H, W, 3]} arrays; sizes are always given height first, as numpy
 * shapes are. The channel order is not part of the type: every API that takes or returns one says
 * whether it is RGB (SadTalker's frames after {@code cv2.cvtColor(BGR2RGB)}) or BGR (OpenCV,
 * GFPGANer, paste_pic).
 */
public record Image8(int height, int width, byte[] pixels) {
    public Image8 {
        Objects.requireNonNull(pixels, "pixels");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) height * width * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " 3-channel image needs "
                    + ((long) height * width * 3) + " bytes, got " + pixels.length);
        }
    }

    /** A black image. */
    public static Image8 blank(int height, int width) {
        return new Image8(height, width, new byte[height * width * 3]);
    }

    /** Channel {@code c} of pixel (x, y), 0…255. */
    public int at(int y, int x, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /**
     * {@code img[y1:y2, x1:x2]}: the region {@code [y1, y2) × [x1, x2)}, clamped to the image as
     * numpy slicing is for non-negative bounds.
     */
    public Image8 slice(int y1, int x1, int y2, int x2) {
        int ax1 = Math.max(0, Math.min(x1, width));
        int ay1 = Math.max(0, Math.min(y1, height));
        int ax2 = Math.max(ax1, Math.min(x2, width));
        int ay2 = Math.max(ay1, Math.min(y2, height));
        int w = ax2 - ax1;
        int h = ay2 - ay1;
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("empty region [" + y1 + ", " + y2 + ") × [" + x1 + ", " + x2 + ") of a "
                    + width + "×" + height + " image");
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(pixels, ((ay1 + y) * width + ax1) * 3, out, y * w * 3, w * 3);
        }
        return new Image8(h, w, out);
    }

    /** The same pixels with channels 0 and 2 swapped (RGB ⇄ BGR), as {@code cv2.cvtColor(..., RGB2BGR)}. */
    public Image8 swapRedBlue() {
        byte[] out = pixels.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] = pixels[i + 2];
            out[i + 2] = pixels[i];
        }
        return new Image8(height, width, out);
    }
}
