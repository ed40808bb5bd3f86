package sadtalker.cli;

/** Exit statuses of every command, for scripts. */
final class ExitCodes {
    /** Done. */
    static final int OK = 0;
    /** Something failed while working (models missing or damaged, disk full, ...). */
    static final int FAILED = 1;
    /** Bad command-line usage (picocli's own code for argument errors). */
    static final int USAGE = 2;
    /** The audio or picture cannot be used (no face, undecodable audio, ...): retrying will not help. */
    static final int BAD_INPUT = 3;

    private ExitCodes() {}
}
