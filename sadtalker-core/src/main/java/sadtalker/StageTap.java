package sadtalker;

import sadtalker.image.Image8;

/**
 * A debug hook on one generation: receives what passes between the pipeline's stages, at the
 * points where the original's outputs can be compared (the end-to-end parity cases use exactly
 * these). Every method does nothing by default; override those you need. With {@link #NONE} (the
 * default) the engine prepares nothing for the tap. Called on the generating thread, in pipeline
 * order; images are RGB, row-major {@code [H, W, 3]}; arrays are the callee's to keep.
 */
public interface StageTap {
    /** Taps nothing (and costs nothing). */
    StageTap NONE = new StageTap() { };

    /** The source picture's 73 coefficients ({@code first_coeff}: exp 64, angle 3, trans 3, s, tx, ty). */
    default void firstCoeff(float[] coeff) { }

    /** The reconstruction network's 257 raw coefficients ({@code full_3dmm}). */
    default void full3dmm(float[] coeff) { }

    /**
     * The original's {@code crop_info}: {@code size} = (w, h) of the cut face, {@code box} the crop
     * box (clx, cly, crx, cry), {@code quad} {@code align_face}'s float quad (lx, ly, rx, ry): the original's
     * crop_info keeps it as a float ({@code src/utils/preprocess.py}, CropAndExtract.generate:
     * {@code crop_info = ((ox2 - ox1, oy2 - oy1), crop, quad)}) while the crop and the paste-back use
     * {@code int()} of it ({@code src/utils/croper.py} Preprocesser.crop, {@code src/utils/paste_pic.py}:
     * {@code lx, ly, rx, ry = int(lx), int(ly), int(rx), int(ry)}), as the engine does; box and quad
     * are null when nothing is cropped.
     */
    default void cropInfo(int[] size, int[] box, double[] quad) { }

    /** The 256 face crop the renderer animates ({@code crop_frame}). */
    default void cropFrame(Image8 rgb) { }

    /** Audio2Coeff's {@code [T][70]} coefficients as it returns them, before still mode keeps the pose. */
    default void coeff3dmm(float[][] coeffs) { }

    /** Frame {@code index} as the renderer produced it, as uint8, before any resize. */
    default void renderFrame(int index, Image8 rgb) { }

    /** Frame {@code index} as GFPGAN receives it (resized to the crop's aspect; pasted back in {@link Mode#FULL}). */
    default void enhancerInput(int index, Image8 rgb) { }

    /** Frame {@code index} as it goes to the video encoder. */
    default void frame(int index, Image8 rgb) { }
}
