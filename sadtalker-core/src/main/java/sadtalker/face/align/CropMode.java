package sadtalker.face.align;

import java.util.Locale;

/**
 * SadTalker's {@code --preprocess} modes of the source image. {@code crop} and {@code full} crop
 * identically (they differ only in paste-back); the {@code ext} modes keep the whole crop box;
 * {@code resize} does not crop at all (the whole image is resized to the frame).
 */
public enum CropMode {
    CROP, FULL, EXTCROP, EXTFULL, RESIZE;

    /** True for {@code extcrop}/{@code extfull} ({@code still=True} in {@code Preprocesser.crop}). */
    public boolean extended() {
        return this == EXTCROP || this == EXTFULL;
    }

    /** False for {@code resize}, which finds no face on the full image and crops nothing. */
    public boolean crops() {
        return this != RESIZE;
    }

    /** Parses {@code crop}, {@code full}, {@code extcrop}, {@code extfull} or {@code resize} (any case). */
    public static CropMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown preprocess mode '" + s + "' (crop, full, extcrop, extfull, resize)");
        }
    }
}
