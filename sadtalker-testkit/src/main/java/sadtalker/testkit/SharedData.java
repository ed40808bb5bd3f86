package sadtalker.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates {@code shared/} (parity cases, checkpoint samples, example media), which sits beside the
 * repository checkout. Maven passes its location as {@code sadtalker.shared.dir}; from an IDE the
 * working directory's ancestors are searched.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared folder; fails with a clear message if it cannot be found. */
    public static Path dir() {
        String configured = System.getProperty("sadtalker.shared.dir");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("parity"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/ (parity cases and examples) not found beside the checkout; "
                + "set -Dsadtalker.shared.dir=DIR");
    }

    /** {@code shared/parity/checkpoints}. */
    public static Path checkpoints() {
        return dir().resolve("parity/checkpoints");
    }
}
