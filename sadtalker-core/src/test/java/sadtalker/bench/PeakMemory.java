package sadtalker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory from {@code /proc/self/status} (Linux), for benchmarks. */
final class PeakMemory {
    private PeakMemory() {}

    /** Resets VmHWM to the current resident size ("5" to clear_refs); false where the kernel refuses. */
    static boolean reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** VmHWM: the peak resident size since start or the last {@link #reset}. */
    static long peak() {
        return status("VmHWM:");
    }

    /** VmRSS: the resident size now. */
    static long resident() {
        return status("VmRSS:");
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / 1048576.0);
    }

    private static long status(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
