package sadtalker.image;

import java.util.Objects;

/**
 * An 8-bit, 3-channel image in row-major HWC layout ({@code pixels[(y·width + x)·3 + c]}), as
 * numpy/OpenCV hold {@code uint8 [H, W, 3]} arrays. The channel order is not part of the type:
 * every API that takes or returns one says whether it is RGB (SadTalker's frames) or BGR
 * (OpenCV, GFPGANer, paste_pic).
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
