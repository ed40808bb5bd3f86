package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up removes the staged MP4s a crashed instance left, and nothing a live instance may be publishing. */
class StagingSweepTest {
    @TempDir
    Path tmp;

    @Test
    void only_staged_mp4s_older_than_the_bound_go() throws Exception {
        Path staging = Files.createDirectories(tmp.resolve("out").resolve(SadTalkerServer.STAGING));
        Path orphan = aged(Files.writeString(staging.resolve("20261122_154312_k3f9qa.mp4"), "video"), Duration.ofHours(1));
        Path publishing = Files.writeString(staging.resolve("20261122_160000_aaaaaa.mp4"), "video");
        Path work = aged(Files.createDirectories(staging.resolve(".sadtalker-work-1")), Duration.ofHours(1));
        Path published = aged(Files.writeString(tmp.resolve("out/0b6f.mp4"), "video"), Duration.ofHours(1));

        assertEquals(1, StagingSweep.sweep(staging, StagingSweep.STALE));

        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(publishing), "a fresh staged file may be one a live instance is linking now");
        assertTrue(Files.exists(work), "work directories are the engine's, cleaned by their owner locks");
        assertTrue(Files.exists(published));
    }

    @Test
    void the_service_sweeps_at_start_up() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path staging = Files.createDirectories(tmp.resolve("out").resolve(SadTalkerServer.STAGING));
        Path orphan = aged(Files.writeString(staging.resolve("20261122_154312_k3f9qa.mp4"), "video"), Duration.ofHours(1));
        ServerConfig c = Fixtures.config(tmp, in);
        Service s = Service.start(c, () -> new StandInGenerator(c.output, false));
        try {
            assertFalse(Files.exists(orphan));
        } finally {
            s.stop();
        }
    }

    private static Path aged(Path p, Duration age) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }
}
