package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job API past submission: the video route, listing, cancelling, metrics and retention (stand-in engine). */
class JobApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ServiceHttp client = new ServiceHttp();
    private final List<Service> running = new ArrayList<>();
    private Path audio;
    private Path image;

    @BeforeEach
    void inputs() throws IOException {
        audio = Fixtures.copy("speech_en_16k.wav", tmp.resolve("in"), "speech.wav");
        image = Fixtures.copy("happy.png", tmp.resolve("in"), "face.png");
    }

    @AfterEach
    void stopAll() {
        running.forEach(Service::stop);
    }

    private Service start(StandInGenerator g, int keepDays) {
        ServerConfig c = Fixtures.config(tmp, tmp.resolve("in"));
        c.maxQueued = 20;
        c.shutdownGraceSeconds = 2;
        c.keepDays = keepDays;
        Service s = Service.start(c, () -> g);
        running.add(s);
        return s;
    }

    private String accepted(Service s) throws Exception {
        HttpResponse<String> r = client.post(s, Fixtures.json(audio, image, "crop"));
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
    }

    private JsonNode await(Service s, String id, String state) throws Exception {
        return client.await(s, id, ServiceHttp.state(state), Duration.ofSeconds(90));
    }

    private static List<String> violatedFields(HttpResponse<String> r) throws IOException {
        List<String> fields = new ArrayList<>();
        JSON.readTree(r.body()).path("violations").forEach(v -> fields.add(v.path("field").asText()));
        return fields;
    }

    @Test
    void the_video_is_served_with_length_ranges_and_etag_and_404_until_it_exists() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(g, 0);
        String id = accepted(s);
        await(s, id, "running");
        HttpResponse<String> early = client.get(s, "/jobs/" + id + "/video");
        assertEquals(404, early.statusCode(), early.body());
        assertTrue(early.body().contains("no video yet (it is running)"), early.body());
        assertTrue(early.headers().firstValue("Retry-After").isPresent());
        g.gate.countDown();
        JsonNode done = await(s, id, "done");
        assertEquals("/jobs/" + id + "/video", done.path("video").asText());
        byte[] file = Files.readAllBytes(Path.of(done.path("output").asText()));

        HttpResponse<byte[]> whole = client.bytes(s, done.path("video").asText());
        assertEquals(200, whole.statusCode());
        assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(file.length, Long.parseLong(whole.headers().firstValue("Content-Length").orElseThrow()));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());
        assertArrayEquals(file, whole.body());
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> head = client.bytes(s, "/jobs/" + id + "/video", "Range", "bytes=0-3");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-3/" + file.length, head.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(file, 0, 4), head.body());
        HttpResponse<byte[]> tail = client.bytes(s, "/jobs/" + id + "/video", "Range", "bytes=-5");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 5, file.length), tail.body());
        HttpResponse<byte[]> past = client.bytes(s, "/jobs/" + id + "/video", "Range", "bytes=" + file.length + "-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + file.length, past.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(304, client.bytes(s, "/jobs/" + id + "/video", "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> staleRange = client.bytes(s, "/jobs/" + id + "/video", "Range", "bytes=0-3",
                "If-Range", "\"another\"");
        assertEquals(200, staleRange.statusCode(), "If-Range with another tag gets the whole file");
        assertEquals(400, client.get(s, "/jobs/nope/video").statusCode());
        assertEquals(404, client.get(s, "/jobs/00000000-0000-0000-0000-000000000000/video").statusCode());
    }

    @Test
    void jobs_are_listed_newest_first_a_page_at_a_time() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(g, 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(accepted(s));
        }
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = client.get(s, "/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = JSON.readTree(r.body());
            page.path("jobs").forEach(j -> seen.add(j.path("id").asText()));
            cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(newestFirst, seen);
        assertEquals(3, pages, "5 jobs, 2 a page (the last page empty or short)");
        await(s, ids.get(0), "running");
        JsonNode queued = JSON.readTree(client.get(s, "/jobs?state=queued").body());
        List<String> queuedIds = new ArrayList<>();
        queued.path("jobs").forEach(j -> queuedIds.add(j.path("id").asText()));
        assertEquals(newestFirst.subList(0, 4), queuedIds);
        assertEquals(List.of("state"), violatedFields(client.get(s, "/jobs?state=finished")));
        assertEquals(List.of("limit"), violatedFields(client.get(s, "/jobs?limit=0")));
        assertEquals(List.of("limit"), violatedFields(client.get(s, "/jobs?limit=many")));
        assertEquals(List.of("cursor"), violatedFields(client.get(s, "/jobs?cursor=bm90LWEtY3Vyc29y")));
        assertEquals(List.of("page"), violatedFields(client.get(s, "/jobs?page=2")));
        g.gate.countDown();
    }

    @Test
    void a_queued_job_is_cancelled_at_once_and_a_finished_one_answers_409() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(g, 0);
        String holder = accepted(s);
        await(s, holder, "running");
        String waiting = accepted(s);
        HttpResponse<String> cancelled = client.delete(s, "/jobs/" + waiting);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", JSON.readTree(cancelled.body()).path("state").asText());
        assertEquals(409, client.delete(s, "/jobs/" + waiting).statusCode());
        g.gate.countDown();
        await(s, holder, "done");
        HttpResponse<String> late = client.delete(s, "/jobs/" + holder);
        assertEquals(409, late.statusCode(), late.body());
        assertTrue(late.body().contains("already finished (done)"), late.body());
        Thread.sleep(6000);   // more than a poll interval: the cancelled job must not have run
        assertEquals(1, g.started.get(), "only the holder ran");
        assertEquals("cancelled", JSON.readTree(client.get(s, "/jobs/" + waiting).body()).path("state").asText());
        assertEquals(404, client.delete(s, "/jobs/00000000-0000-0000-0000-000000000000").statusCode());
        assertEquals(400, client.delete(s, "/jobs/x").statusCode());
    }

    @Test
    void a_running_job_stops_at_its_next_batch_and_leaves_nothing_behind() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(g, 0);
        String id = accepted(s);
        await(s, id, "running");
        HttpResponse<String> asked = client.delete(s, "/jobs/" + id);
        assertEquals(202, asked.statusCode(), asked.body());
        assertEquals("running", JSON.readTree(asked.body()).path("state").asText());
        g.gate.countDown();   // the stand-in reports its next batch: the listener stops it there
        JsonNode cancelled = await(s, id, "cancelled");
        assertFalse(cancelled.has("output"), cancelled.toString());
        assertEquals(404, client.get(s, "/jobs/" + id + "/video").statusCode());
        assertTrue(g.completed.isEmpty(), "the engine never finished: " + g.completed);
        try (Stream<Path> out = Files.walk(tmp.resolve("out"))) {
            assertEquals(List.of(), out.filter(Files::isRegularFile).toList(), "nothing in the output directory");
        } catch (java.nio.file.NoSuchFileException e) {
            // never created: nothing left either
        }
        assertFalse(Files.exists(tmp.resolve("data/work").resolve(id)), "the job's private copies are gone");
        String metrics = client.get(s, "/metrics").body();
        assertTrue(metrics.contains("sadtalker_jobs_total{outcome=\"cancelled\"} 1.0"), metrics);
    }

    @Test
    void metrics_report_queue_outcomes_durations_and_model_load_in_prometheus_text() throws Exception {
        Service s = start(new StandInGenerator(tmp.resolve("out"), false), 0);
        await(s, accepted(s), "done");
        Path noFace = Fixtures.copy("happy.png", tmp.resolve("in"), "noface.png");
        HttpResponse<String> bad = client.post(s, Fixtures.json(audio, noFace, "crop"));
        await(s, bad.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow(), "failed");
        HttpResponse<String> r = client.get(s, "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"), r.headers().toString());
        String m = r.body();
        for (String expected : List.of("sadtalker_queue_depth 0.0", "sadtalker_jobs_total{outcome=\"done\"} 1.0",
                "sadtalker_jobs_total{outcome=\"failed\"} 1.0",
                "sadtalker_jobs_total{outcome=\"cancelled\"} 0.0", "sadtalker_job_duration_seconds_count 1",
                "sadtalker_job_duration_seconds_bucket{le=", "sadtalker_stage_duration_seconds_bucket{stage=\"render\"",
                "sadtalker_frames_per_second_count 1", "sadtalker_model_load_seconds ")) {
            assertTrue(m.contains(expected), expected + " missing from\n" + m);
        }
    }

    @Test
    void retention_deletes_old_results_and_records_and_their_video_answers_410() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), false);
        Service s = start(g, 1);
        String old = accepted(s);
        Path file = Path.of(await(s, old, "done").path("output").asText());
        g.gate.countDown();
        // A sweep with the cutoff in the future treats everything finished so far as old.
        int videos = s.queue().retention().sweep(Instant.now().plusSeconds(60));
        assertEquals(1, videos);
        assertFalse(Files.exists(file), "the old MP4 is deleted");
        assertEquals(410, client.get(s, "/jobs/" + old + "/video").statusCode());
        assertEquals(410, client.get(s, "/jobs/" + old).statusCode());
        // A job accepted after the sweep is untouched by it.
        String fresh = accepted(s);
        Path kept = Path.of(await(s, fresh, "done").path("output").asText());
        assertEquals(0, s.queue().retention().sweep(Instant.now().minus(Duration.ofDays(1))));
        assertTrue(Files.exists(kept));
        assertEquals(200, client.get(s, "/jobs/" + fresh + "/video").statusCode());
    }
}
