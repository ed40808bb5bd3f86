package sadtalker.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The directories request paths must lie in. A relative request path resolves against the first
 * root (never against the server's working directory). Whether a path is missing or lies outside
 * the roots is reported with one message, so that answers never tell which files exist elsewhere.
 * The check runs twice: when a request is accepted, and when its job starts, where the file is
 * then copied into the job's private directory so that a later swap (say, for a symbolic link)
 * cannot change what the engine reads.
 */
final class InputRoots {
    private final List<Path> roots;

    InputRoots(List<Path> configured) {
        if (configured.isEmpty()) {
            throw new IllegalArgumentException("no input directory configured");
        }
        this.roots = configured.stream().map(InputRoots::real).toList();
    }

    private static Path real(Path root) {
        try {
            return root.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("input root " + root + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The message for a path that is missing or lies outside the roots (the same for both). */
    static String unavailable(String value) {
        return "'" + value + "' is not a file in the allowed input directories";
    }

    /** The absolute, normalised form of a request path (relative ones against the first root). */
    Path absolute(String value) throws InvalidPathException {
        return roots.get(0).resolve(value).normalize();
    }

    /** The real path of {@code value} if it exists inside a root, else empty. */
    Optional<Path> confined(String value) {
        try {
            Path real = absolute(value).toRealPath();
            return roots.stream().anyMatch(real::startsWith) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies the confined file {@code value} into {@code dir} under its own name and returns the
     * copy: the job reads only the copy. Refuses (as missing) a path that now lies outside the roots.
     */
    Path copyInto(String value, Path dir) throws IOException {
        Path real = confined(value).orElseThrow(() -> new sadtalker.InvalidInputException(unavailable(value)));
        Path copy = dir.resolve(real.getFileName().toString());
        // NOFOLLOW_LINKS: the real path has no link left; if the last element became one since, refuse.
        try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(in, copy);
        } catch (IOException e) {
            throw new sadtalker.InvalidInputException(unavailable(value));
        }
        return copy;
    }

    List<Path> roots() {
        return roots;
    }
}
