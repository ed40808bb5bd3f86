package sadtalker;

/** Receives progress of one generation; called on the generating thread, so keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (stage, fraction) -> { };

    /**
     * @param stage the pipeline stage now running (e.g. {@code "render"})
     * @param fraction overall progress in [0, 1]
     */
    void progress(String stage, double fraction);
}
