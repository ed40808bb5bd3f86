package sadtalker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A private temporary directory for one generation's intermediate files, deleted with everything
 * in it when closed: on success, on failure and on interruption alike (use try-with-resources).
 *
 * <p>While open, the directory's {@value #LOCK} file is locked (an OS file lock, which the kernel
 * releases when the process dies, even by SIGKILL), so that {@link #removeStale} run by another
 * process sharing the output directory (a second server, a CLI run) never deletes it.
 */
public final class WorkDir implements AutoCloseable {
    /** Prefix of work directories: hidden, so that listings of the output directory show results only. */
    static final String PREFIX = ".sadtalker-work-";
    /** The file whose lock says the directory's owner is alive. */
    static final String LOCK = ".owner.lock";
    /**
     * A directory whose lock is free is left alone for this long after its last change: its
     * creator may be between creating it and locking it.
     */
    static final Duration GRACE = Duration.ofSeconds(10);

    /**
     * Directories open in this JVM. Probing their lock from here is not only useless but harmful:
     * closing any channel of a file drops every POSIX lock this process holds on it.
     */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;

    private WorkDir(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    /** Creates a new hidden directory {@value #PREFIX}* under {@code parent} (the system temp dir if null). */
    public static WorkDir create(Path parent) throws IOException {
        Path dir;
        if (parent == null) {
            dir = Files.createTempDirectory(PREFIX);
        } else {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, PREFIX);
        }
        Path real = dir.toAbsolutePath().normalize();
        OPEN.add(real);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            return new WorkDir(real, channel);
        } catch (IOException | RuntimeException e) {
            OPEN.remove(real);
            if (channel != null) {
                channel.close();
            }
            deleteTree(dir);
            throw e;
        }
    }

    /**
     * Deletes work directories left in {@code parent} by a process that died mid-call (a killed JVM
     * runs no cleanup): those whose owner lock is free and that have not changed for {@link #GRACE}.
     * Directories of live generations, in this process or in any other, are kept. Safe to call at
     * any time, e.g. at start-up.
     */
    public static void removeStale(Path parent) {
        removeStale(parent, GRACE);
    }

    static void removeStale(Path parent, Duration grace) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (var entries = Files.list(parent)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .filter(p -> !inUse(p, grace))
                    .forEach(WorkDir::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    /** True unless {@code dir}'s owner is certainly gone. */
    private static boolean inUse(Path dir, Duration grace) {
        if (OPEN.contains(dir.toAbsolutePath().normalize())) {
            return true;
        }
        Path lock = dir.resolve(LOCK);
        try {
            Path newest = Files.exists(lock) ? lock : dir;
            if (Files.getLastModifiedTime(newest).toInstant().isAfter(Instant.now().minus(grace))) {
                return true;
            }
            if (!Files.exists(lock)) {
                return false;               // older than the grace and never locked: its creator died first
            }
            return lockHeld(lock);
        } catch (IOException e) {
            return true;                    // cannot tell: keep it
        }
    }

    /**
     * True when {@code dir} is another process's live work directory: not open in this JVM and its
     * owner lock held. (Tests use it to tell their own leftovers from a concurrent run's.)
     */
    static boolean lockedByAnotherProcess(Path dir) {
        Path lock = dir.resolve(LOCK);
        try {
            return !OPEN.contains(dir.toAbsolutePath().normalize()) && Files.exists(lock) && lockHeld(lock);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether some process holds {@code lock}; never call it on a directory open in this JVM (see {@link #OPEN}). */
    private static boolean lockHeld(Path lock) throws IOException {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;                // another process holds it: alive
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
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
        try {
            lockChannel.close();            // releases the lock
        } catch (IOException ignored) {
            // the process still owns nothing in the directory, which goes next
        }
        try {
            deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete work directory " + path, e);
        } finally {
            OPEN.remove(path);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // another process removing the same stale directory, or a file that cannot go: next time
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
