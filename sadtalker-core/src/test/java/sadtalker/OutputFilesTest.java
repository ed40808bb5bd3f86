package sadtalker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path tmp;

    @Test
    void names_are_a_timestamp_and_a_random_suffix() {
        OutputFiles files = new OutputFiles(tmp);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String n = files.newName();
            assertTrue(n.matches("\\d{8}_\\d{6}_[0-9a-z]{6}\\.mp4"), n);
            names.add(n);
        }
        assertTrue(names.size() > 1990, "suffixes must not repeat within a second: " + names.size());
    }

    @Test
    void publishing_moves_the_whole_file_and_leaves_no_temporary() throws IOException {
        OutputFiles files = new OutputFiles(tmp.resolve("out"));
        Path published;
        try (WorkDir work = WorkDir.create(tmp.resolve("out"))) {
            Path part = Files.writeString(work.file("video.mp4"), "video");
            published = files.publish(part);
            assertFalse(Files.exists(part));
        }
        assertEquals("video", Files.readString(published));
        try (var list = Files.list(tmp.resolve("out"))) {
            assertEquals(java.util.List.of(published), list.toList());
        }
    }

    @Test
    void work_dir_is_deleted_even_when_the_work_fails() throws IOException {
        Path[] seen = new Path[1];
        assertThrows(IllegalStateException.class, () -> {
            try (WorkDir work = WorkDir.create(tmp)) {
                seen[0] = work.path();
                Files.createDirectories(work.file("frames"));
                Files.writeString(work.file("frames/0001.png"), "x");
                throw new IllegalStateException("stage failed");
            }
        });
        assertFalse(Files.exists(seen[0]));
        try (var list = Files.list(tmp)) {
            assertEquals(0, list.count());
        }
    }

    @Test
    void stale_work_dirs_of_a_dead_process_are_removed() throws IOException {
        Path stale = Files.createDirectories(tmp.resolve(".sadtalker-work-123/frames"));
        Files.writeString(stale.resolve("0001.png"), "x");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(stale.getParent(), old);     // its process died a minute ago
        Path result = Files.writeString(tmp.resolve("20261122_154312_k3f9qa.mp4"), "video");
        WorkDir.removeStale(tmp);
        try (var list = Files.list(tmp)) {
            assertEquals(java.util.List.of(result), list.toList());
        }
    }

    @Test
    void timings_keep_pipeline_order_and_subtract_nested_work() throws InterruptedException {
        sadtalker.Timings t = new sadtalker.Timings();
        t.begin("audio");
        t.begin("render");
        Thread.sleep(30);
        t.add("enhance", 20_000_000L);   // 20 ms of the 30 were enhancing inside render
        t.begin("publish");
        var map = new GenerationResult(tmp, 1, java.time.Duration.ZERO, t.timings()).timings();
        assertEquals(java.util.List.of("audio", "render", "enhance", "publish"), java.util.List.copyOf(map.keySet()));
        assertTrue(map.get("render").toMillis() >= 9 && map.get("render").toMillis() < 30, map.toString());
    }
}
