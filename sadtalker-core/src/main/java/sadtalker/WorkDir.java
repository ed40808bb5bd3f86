package sadtalker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A private temporary directory for one generation's intermediate files, deleted with everything
 * in it when closed: on success, on failure and on interruption alike (use try-with-resources).
 */
public final class WorkDir implements AutoCloseable {
    private final Path path;

    private WorkDir(Path path) {
        this.path = path;
    }

    /** Prefix of work directories: hidden, so that listings of the output directory show results only. */
    static final String PREFIX = ".sadtalker-work-";

    /** Creates a new hidden directory {@value #PREFIX}* under {@code parent} (the system temp dir if null). */
    public static WorkDir create(Path parent) throws IOException {
        if (parent == null) {
            return new WorkDir(Files.createTempDirectory(PREFIX));
        }
        Files.createDirectories(parent);
        return new WorkDir(Files.createTempDirectory(parent, PREFIX));
    }

    /**
     * Deletes work directories left in {@code parent} by a process that died mid-call (a killed JVM
     * runs no cleanup). Call it when no generation is running there, e.g. at start-up.
     */
    public static void removeStale(Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (var entries = Files.list(parent)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .forEach(p -> new WorkDir(p).close());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    public Path path() {
        return path;
    }

    /** A path for a file named {@code name} inside this directory. */
    public Path file(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete work directory " + path, e);
        }
    }
}
