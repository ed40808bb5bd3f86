package sadtalker.face;

import java.util.Locale;

/**
 * SadTalker's {@code --preprocess} modes of the source image. {@code crop} and {@code full} crop
 * identically (they differ only in paste-back); the {@code ext} modes keep the whole crop box.
 */
public enum CropMode {
    CROP, FULL, EXTCROP, EXTFULL;

    /** True for {@code extcrop}/{@code extfull} ({@code still=True} in {@code Preprocesser.crop}). */
    public boolean extended() {
        return this == EXTCROP || this == EXTFULL;
    }

    /** Parses {@code crop}, {@code full}, {@code extcrop} or {@code extfull} (any case). */
    public static CropMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown preprocess mode '" + s + "' (crop, full, extcrop, extfull)");
        }
    }
}
