package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's promises under races, shutdowns and hostile requests (stand-in engine, embedded database). */
class HardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ServiceHttp client = new ServiceHttp();
    private final List<Service> running = new ArrayList<>();
    private Path in;
    private Path audio;
    private Path image;

    @BeforeEach
    void inputs() throws IOException {
        in = tmp.resolve("in");
        audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav");
        image = Fixtures.copy("happy.png", in, "face.png");
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

    private ServerConfig config() {
        ServerConfig c = Fixtures.config(tmp, in);
        return c;
    }

    private Service start(ServerConfig c, StandInGenerator g) {
        Service s = Service.start(c, () -> g);
        running.add(s);
        return s;
    }

    private HttpResponse<String> post(Service s, String body, String... headers) throws Exception {
        return client.post(s, body, headers);
    }

    private HttpResponse<String> get(Service s, String path, String... headers) throws Exception {
        return client.get(s, path, headers);
    }

    private String accepted(Service s, String body) throws Exception {
        HttpResponse<String> r = post(s, body);
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
    }

    private JsonNode await(Service s, String id, Predicate<JsonNode> condition) throws Exception {
        return client.await(s, id, condition, Duration.ofSeconds(90));
    }

    private static Predicate<JsonNode> state(String state) {
        return ServiceHttp.state(state);
    }

    @Test
    void max_queued_holds_under_60_parallel_posts() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        ServerConfig c = config();
        c.maxQueued = 3;
        Service s = start(c, g);
        String first = accepted(s, Fixtures.json(audio, image, "crop"));
        await(s, first, state("running"));    // the one worker is busy: every later job waits
        ExecutorService pool = Executors.newFixedThreadPool(60);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(pool.submit(() -> post(s, Fixtures.json(audio, image, "crop")).statusCode()));
            }
            int ok = 0;
            for (Future<Integer> f : calls) {
                int status = f.get();
                assertTrue(status == 200 || status == 503, "status " + status);
                ok += status == 200 ? 1 : 0;
            }
            System.out.println("max-queued 3, 60 parallel posts: accepted " + ok);
            assertEquals(3, ok, "accepted jobs with --max-queued 3");
        } finally {
            pool.shutdownNow();
            g.gate.countDown();
        }
    }

    @Test
    void chunked_bodies_are_held_to_the_limit() throws Exception {
        Service s = start(config(), new StandInGenerator(tmp.resolve("out"), false));
        byte[] big = ("{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes();
        // ofInputStream has no known length: the client sends it chunked.
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/generate"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void strict_json_refuses_trailing_tokens_and_duplicate_keys() throws Exception {
        Service s = start(config(), new StandInGenerator(tmp.resolve("out"), false));
        String good = Fixtures.json(audio, image, "crop");
        assertEquals(400, post(s, good + " garbage").statusCode());
        assertEquals(400, post(s, good + good).statusCode());
        String dup = good.replace("\"option\":\"crop\"", "\"option\":\"crop\",\"option\":\"full\"");
        HttpResponse<String> r = post(s, dup);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("Duplicate field"), r.body());
        HttpResponse<String> empty = post(s, good.replace("\"option\":\"crop\"", "\"option\":\"\""));
        JsonNode violations = JSON.readTree(empty.body()).path("violations");
        assertEquals(1, violations.size(), empty.body());
        assertEquals("is required", violations.get(0).path("message").asText());
    }

    @Test
    void the_api_key_guards_the_job_routes_but_not_the_probes() throws Exception {
        ServerConfig c = config();
        c.apiKey = "s3cret";
        Service s = start(c, new StandInGenerator(tmp.resolve("out"), false));
        String body = Fixtures.json(audio, image, "crop");
        assertEquals(401, post(s, body).statusCode());
        assertEquals(401, post(s, body, "Authorization", "Bearer wrong").statusCode());
        HttpResponse<String> ok = post(s, body, "Authorization", "Bearer s3cret");
        assertEquals(200, ok.statusCode(), ok.body());
        String id = ok.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
        assertEquals(401, get(s, "/jobs/" + id).statusCode());
        assertEquals(200, get(s, "/jobs/" + id, "Authorization", "Bearer s3cret").statusCode());
        assertEquals(200, get(s, "/health").statusCode());
    }

    @Test
    void relative_paths_resolve_against_the_root_and_outputs_are_0644_named_by_job() throws Exception {
        Service s = start(config(), new StandInGenerator(tmp.resolve("out"), false));
        String id = accepted(s, "{\"driven_audio\":\"speech.wav\",\"source_image\":\"face.png\",\"option\":\"crop\"}");
        JsonNode done = await(s, id, state("done"));
        Path out = Path.of(done.path("output").asText());
        assertEquals(tmp.resolve("out").resolve(id + ".mp4"), out);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void a_file_swapped_for_a_link_outside_the_root_after_acceptance_is_refused_at_job_time() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(config(), g);
        String holder = accepted(s, Fixtures.json(audio, image, "crop"));
        await(s, holder, state("running"));
        Path swapped = Fixtures.copy("happy.png", in, "swap.png");
        String id = accepted(s, Fixtures.json(audio, swapped, "crop"));
        Path secret = Fixtures.copy("happy.png", tmp.resolve("secret"), "secret.png");
        Files.delete(swapped);
        Files.createSymbolicLink(swapped, secret);
        g.gate.countDown();
        JsonNode failed = await(s, id, state("failed"));
        assertEquals(InputRoots.unavailable(swapped.toString()), failed.path("error").asText(), failed.toString());
        assertFalse(g.completed.contains("secret.png") || g.completed.contains("swap.png"), g.completed.toString());
    }

    @Test
    void a_job_already_published_by_a_dead_attempt_is_recorded_not_run_again() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        Service s = start(config(), g);
        String holder = accepted(s, Fixtures.json(audio, image, "crop"));
        await(s, holder, state("running"));
        String id = accepted(s, Fixtures.json(audio, image, "crop"));
        // As if an earlier attempt of this job had published its MP4 and died before recording it.
        Path published = Files.writeString(Files.createDirectories(tmp.resolve("out")).resolve(id + ".mp4"), "mp4");
        g.gate.countDown();
        JsonNode done = await(s, id, state("done"));
        assertEquals(published.toString(), done.path("output").asText());
        assertEquals("mp4", Files.readString(published));
        assertEquals(1, g.started.get(), "the engine ran only the holder");
    }

    @Test
    void a_stop_is_bounded_by_the_grace_and_never_closes_storage_under_a_running_job() throws Exception {
        StandInGenerator g = new StandInGenerator(tmp.resolve("out"), true);
        g.deaf = true;
        ServerConfig c = config();
        c.retries = 2;
        Service s = start(c, g);
        String id = accepted(s, Fixtures.json(audio, image, "crop"));
        await(s, id, state("running"));
        long t0 = System.nanoTime();
        s.stop();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 15, "stop took " + seconds + " s with a 1 s grace");
        // The job outlived the grace; it finishes now, and can still record its output.
        g.gate.countDown();
        Path out = tmp.resolve("out").resolve(id + ".mp4");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(out) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(out), "the finishing job publishes as " + out);
        // A new instance on the same database runs nothing twice: one MP4 for the job.
        StandInGenerator next = new StandInGenerator(tmp.resolve("out"), false);
        Service second = start(config(), next);
        JsonNode done = await(second, id, state("done"));
        assertEquals(out.toString(), done.path("output").asText());
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".mp4")).count());
        }
        assertEquals(0, next.started.get(), "the job ran again");
    }

    @Test
    void unknown_job_ids_and_missing_files_say_the_same_thing() throws Exception {
        Service s = start(config(), new StandInGenerator(tmp.resolve("out"), false));
        Path outside = Fixtures.copy("happy.png", tmp.resolve("elsewhere"), "face.png");
        HttpResponse<String> a = post(s, Fixtures.json(audio, outside, "crop"));
        HttpResponse<String> b = post(s, Fixtures.json(audio, tmp.resolve("elsewhere/none.png"), "crop"));
        assertTrue(a.body().contains(InputRoots.unavailable(outside.toString())), a.body());
        assertTrue(b.body().contains(InputRoots.unavailable(tmp.resolve("elsewhere/none.png").toString())), b.body());
        assertEquals(404, get(s, "/jobs/" + UUID.randomUUID()).statusCode());
    }
}
