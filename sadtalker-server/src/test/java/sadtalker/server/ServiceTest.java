package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service end to end over HTTP on loopback, with a stand-in engine and the embedded job database. */
class ServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final ServiceHttp client = new ServiceHttp();
    private final List<Service> running = new ArrayList<>();
    private Path audio;
    private Path image;
    private Path noFace;

    @BeforeEach
    void inputs() throws IOException {
        Path in = tmp.resolve("in");
        audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav");
        image = Fixtures.copy("happy.png", in, "face.png");
        noFace = Fixtures.copy("happy.png", in, "noface.png");
    }

    @AfterEach
    void stopAll() {
        running.forEach(s -> {
            try {
                s.stop();
            } catch (RuntimeException ignored) {
                // already stopped by the test
            }
        });
    }

    private ServerConfig config(int maxQueued, int retries) {
        ServerConfig c = Fixtures.config(tmp, tmp.resolve("in"));
        c.maxQueued = maxQueued;
        c.retries = retries;
        c.shutdownGraceSeconds = 2;
        return c;
    }

    private Service start(ServerConfig c, StandInGenerator g) {
        Service s = Service.start(c, () -> g);
        running.add(s);
        return s;
    }

    private HttpResponse<String> post(Service s, String body) throws Exception {
        return client.post(s, body, "Content-Type", "application/json");
    }

    private HttpResponse<String> get(Service s, String path) throws Exception {
        return client.get(s, path);
    }

    private String accepted(Service s, Path img) throws Exception {
        HttpResponse<String> r = post(s, Fixtures.json(audio, img, "full"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("1", r.body());
        String id = r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
        assertEquals("/jobs/" + id, r.headers().firstValue("Location").orElseThrow());
        return id;
    }

    private JsonNode awaitJob(Service s, String id, Predicate<JsonNode> condition) throws Exception {
        return client.await(s, id, condition, WAIT);
    }

    private static Predicate<JsonNode> state(String state) {
        return ServiceHttp.state(state);
    }

    @Test
    void the_ack_arrives_while_generation_is_still_running() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(config(10, 0), g);
        String id = accepted(s, image);
        // Progress reaches the job database with the worker's next heartbeat (one poll interval).
        JsonNode runningJob = awaitJob(s, id, state("running").and(j -> j.path("progress").asDouble() == 0.5));
        assertEquals("render", runningJob.path("stage").asText());
        g.gate.countDown();
        JsonNode done = awaitJob(s, id, state("done"));
        assertTrue(Files.exists(Path.of(done.path("output").asText())), done.toString());
        assertEquals(1.0, done.path("progress").asDouble(), 1e-9);
    }

    @Test
    void invalid_requests_get_4xx_and_never_reach_the_engine() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), false);
        Service s = start(config(10, 0), g);
        HttpResponse<String> bad = post(s, "{\"driven_audio\":\"/etc/passwd\",\"option\":\"both\"}");
        assertEquals(400, bad.statusCode());
        JsonNode body = JSON.readTree(bad.body());
        assertEquals("invalid request", body.path("error").asText());
        List<String> fields = new ArrayList<>();
        body.path("violations").forEach(v -> fields.add(v.path("field").asText()));
        assertEquals(List.of("driven_audio", "source_image", "option"), fields);
        assertEquals(413, post(s, "{\"x\":\"" + "a".repeat(Api.MAX_BODY_BYTES) + "\"}").statusCode());
        assertEquals(400, get(s, "/jobs/not-a-uuid").statusCode());
        assertEquals(404, get(s, "/jobs/00000000-0000-0000-0000-000000000000").statusCode());
        assertEquals(0, g.started.get());
    }

    @Test
    void a_full_queue_answers_503_with_retry_after() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(config(2, 0), g);
        // At most one job runs (held) and two wait: the fourth request cannot be accepted.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post(s, Fixtures.json(audio, image, "crop"));
            if (r.statusCode() == 503) {
                break;
            }
            assertEquals(200, r.statusCode(), r.body());
        }
        HttpResponse<String> full = post(s, Fixtures.json(audio, image, "crop"));
        assertEquals(503, full.statusCode(), full.body());
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
        assertTrue(full.body().contains("queue is full"), full.body());
    }

    @Test
    void a_failing_job_does_not_stop_the_next_and_bad_input_is_not_retried() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), false);
        Service s = start(config(10, 2), g);
        String failing = accepted(s, noFace);
        String next = accepted(s, image);
        JsonNode failed = awaitJob(s, failing, state("failed"));
        assertTrue(failed.path("error").asText().contains("no face found in noface.png"), failed.toString());
        assertEquals(1, failed.path("attempts").asInt());
        awaitJob(s, next, state("done"));
        Thread.sleep(1000);
        JsonNode still = awaitJob(s, failing, j -> true);
        assertEquals("failed", still.path("state").asText(), "input failures must not be retried: " + still);
        assertEquals(2, g.started.get());
    }

    @Test
    void a_transient_failure_is_retried() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), false);
        g.transientFailures.set(1);
        Service s = start(config(10, 2), g);
        String id = accepted(s, image);
        JsonNode done = awaitJob(s, id, state("done"));
        assertEquals(1, done.path("attempts").asInt(), done.toString());
    }

    @Test
    void a_restart_resumes_the_accepted_jobs() throws Exception {
        StandInGenerator held = new StandInGenerator(tmp.resolve("out"), true);
        Service first = start(config(10, 3), held);
        String a = accepted(first, image);
        String b = accepted(first, image);
        awaitJob(first, a, state("running"));
        first.stop();   // a was running, b waiting: neither may be lost

        StandInGenerator fresh = new StandInGenerator(tmp.resolve("out"), false);
        Service second = start(config(10, 3), fresh);
        assertNotNull(awaitJob(second, b, state("done")));
        assertNotNull(awaitJob(second, a, state("done")));
    }

    @Test
    void health_ready_and_docs() throws Exception {
        Service s = start(config(10, 0), new StandInGenerator(tmp.resolve("out"), false));
        assertEquals(200, get(s, "/health").statusCode());
        assertEquals(200, get(s, "/ready").statusCode());
        HttpResponse<String> openapi = get(s, "/openapi.json");
        assertEquals("3.0.3", JSON.readTree(openapi.body()).path("openapi").asText());
        HttpResponse<String> docs = get(s, "/docs");
        assertTrue(docs.body().contains("swagger-ui-bundle.js"), docs.body());
        String script = docs.body().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle.js)\".*", "$1");
        assertEquals(200, get(s, script).statusCode(), script);
    }
}
