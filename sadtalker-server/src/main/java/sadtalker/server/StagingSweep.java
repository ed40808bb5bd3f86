package sadtalker.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes, at start-up, the MP4s a crashed instance left in the staging directory: the engine
 * writes each result there and the job handler links it as {@code <output>/<job id>.mp4} and
 * deletes it milliseconds later, so a staged MP4 older than {@link #STALE} belongs to no live
 * instance (another one sharing the output directory included) and its job ran again or will. The
 * engine's own work directories there are cleaned by the engine when it loads, by their owner locks.
 */
final class StagingSweep {
    /** Far longer than any live publication takes (one link and one delete). */
    static final Duration STALE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.server");

    private StagingSweep() {}

    /** Deletes staged MP4s older than {@code stale}; returns how many. Never fails the start-up. */
    static int sweep(Path staging, Duration stale) {
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(stale);
        List<Path> old;
        try (Stream<Path> entries = Files.list(staging)) {
            old = entries.filter(p -> p.getFileName().toString().endsWith(".mp4") && Files.isRegularFile(p))
                    .filter(p -> olderThan(p, cutoff)).toList();
        } catch (IOException e) {
            LOG.warn("server.staging_unreadable dir=\"{}\" error=\"{}\"", LogText.clean(staging), LogText.clean(e));
            return 0;
        }
        int removed = 0;
        for (Path p : old) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed++;
                    LOG.info("server.staging_removed file=\"{}\" (left by an instance that stopped mid-publication)",
                            LogText.clean(p.getFileName()));
                }
            } catch (IOException e) {
                LOG.warn("server.staging_remove_failed file=\"{}\" error=\"{}\"", LogText.clean(p), LogText.clean(e));
            }
        }
        return removed;
    }

    private static boolean olderThan(Path p, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }
}
