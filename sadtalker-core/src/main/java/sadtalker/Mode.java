package sadtalker;

/**
 * What SadTalker produces from the face picture.
 * <ul>
 *   <li>{@link #FULL}: SadTalker's {@code --still --preprocess full --enhancer gfpgan}: the face crop
 *       is animated with the head pose kept still, pasted back into the whole picture and enhanced.
 *   <li>{@link #CROP}: {@code --preprocess crop --enhancer gfpgan}: the output is the animated,
 *       enhanced face crop.
 * </ul>
 */
public enum Mode {
    FULL,
    CROP
}
