package sadtalker.render.blocks;

import ai.djl.ndarray.NDArray;

/**
 * Frees an intermediate activation as soon as the next one exists. At 256 px a single activation
 * is tens of MB per frame; keeping every one until the enclosing scope closes multiplied the peak
 * memory of a frame several times.
 */
public final class Intermediates {
    private Intermediates() {}

    /** Closes {@code previous} (unless it is {@code keep}, the caller's input) and returns {@code next}. */
    public static NDArray replace(NDArray previous, NDArray next, NDArray keep) {
        if (previous != keep && previous != next) {
            previous.close();
        }
        return next;
    }
}
