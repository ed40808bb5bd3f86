package sadtalker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up cleaning of work directories removes only what a dead process left: never a directory
 * a live generation writes in, in this process or in another one sharing the output directory.
 */
class WorkDirTest {
    @TempDir
    Path tmp;

    @Test
    void an_open_work_dir_of_this_process_is_kept() throws IOException {
        try (WorkDir live = WorkDir.create(tmp)) {
            Files.writeString(live.file("frame.png"), "x");
            WorkDir.removeStale(tmp, Duration.ZERO);
            assertTrue(Files.exists(live.file("frame.png")));
            assertFalse(WorkDir.lockedByAnotherProcess(live.path()), "this process's own open directory is not another's");
        }
        assertEquals(0, count(tmp));
    }

    @Test
    void a_work_dir_of_another_live_process_is_kept_and_removed_once_it_is_killed() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldWorkDir.class.getName(), tmp.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("DIR "), "child said: " + line);
            Path held = Path.of(line.substring(4));
            WorkDir.removeStale(tmp, Duration.ZERO);
            assertTrue(Files.exists(held.resolve("frame.png")), "a live process's work directory was removed");
            assertTrue(WorkDir.lockedByAnotherProcess(held), "the live child's lock is not seen");

            child.destroyForcibly();                // SIGKILL: no cleanup runs, the kernel drops the lock
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(held), "the killed child's directory is left behind");
            assertFalse(WorkDir.lockedByAnotherProcess(held), "a dead process's lock is still seen as held");
            WorkDir.removeStale(tmp, Duration.ZERO);
            assertFalse(Files.exists(held), "the dead process's work directory stayed");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void a_dead_owners_dir_is_kept_within_the_grace_then_removed() throws IOException {
        Path dead = Files.createDirectories(tmp.resolve(WorkDir.PREFIX + "1"));
        Files.writeString(dead.resolve(WorkDir.LOCK), "");
        WorkDir.removeStale(tmp);
        assertTrue(Files.exists(dead), "a directory younger than the grace may be one being created");
        Files.setLastModifiedTime(dead.resolve(WorkDir.LOCK), FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        WorkDir.removeStale(tmp);
        assertFalse(Files.exists(dead));
    }

    private static long count(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            return list.count();
        }
    }

    /** The other process: opens a work directory in {@code args[0]}, says where, and waits to be killed. */
    public static final class HoldWorkDir {
        public static void main(String[] args) throws Exception {
            WorkDir work = WorkDir.create(Path.of(args[0]));
            Files.writeString(work.file("frame.png"), "x");
            System.out.println("DIR " + work.path());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
