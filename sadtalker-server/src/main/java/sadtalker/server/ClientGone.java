package sadtalker.server;

import org.eclipse.jetty.io.EofException;

/**
 * Tells a client that went away mid-response (Jetty's {@link EofException}, anywhere in the cause
 * chain) from a real failure: a video player that seeks closes its ranged request early, which is
 * normal and must not be logged as a server error.
 */
final class ClientGone {
    private ClientGone() {}

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EofException) {
                return true;
            }
        }
        return false;
    }
}
