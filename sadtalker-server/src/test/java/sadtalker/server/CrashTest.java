package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged job is on disk: a service in a child JVM (embedded H2) acks jobs and is killed
 * with SIGKILL 0, 0.1 and 0.5 s after the last ack; after a restart on the same database every
 * acknowledged id is found.
 */
class CrashTest {
    private static final int JOBS = 4;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void no_acknowledged_job_is_lost_to_a_kill_9() throws Exception {
        Path in = tmp.resolve("in");
        Path audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav");
        Path image = Fixtures.copy("happy.png", in, "face.png");
        StringBuilder figures = new StringBuilder();
        int lostTotal = 0;
        for (int delayMs : new int[] {0, 100, 500}) {
            Path data = tmp.resolve("data" + delayMs);
            List<String> acked = new ArrayList<>();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), InstanceMain.class.getName(), "-", in.toString(),
                    data.toString()).redirectErrorStream(true).start();
            try {
                int port = port(child);
                for (int i = 0; i < JOBS; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
                            .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(audio, image, "crop"))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                    acked.add(r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow());
                }
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
            } finally {
                child.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook, no flush
            }
            ServerConfig c = restartConfig(in, data, 0);
            int lost = 0;
            try (Service restarted = Service.start(c, () -> new StandInGenerator(c.output, true))) {
                for (String id : acked) {
                    int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restarted.port() + "/jobs/" + id))
                            .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                    lost += status == 404 ? 1 : 0;
                }
            }
            figures.append(String.format("kill -9 %.1f s after the last ack: %d of %d acked jobs lost%n",
                    delayMs / 1000.0, lost, acked.size()));
            lostTotal += lost;
        }
        System.out.print(figures);
        assertEquals(0, lostTotal, figures.toString());
    }

    @Test
    void a_job_whose_server_died_shows_queued_with_the_interrupted_attempt() throws Exception {
        Path in = tmp.resolve("in");
        Path audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav");
        Path image = Fixtures.copy("happy.png", in, "face.png");
        Path data = tmp.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstanceMain.class.getName(), "-", in.toString(),
                data.toString()).redirectErrorStream(true).start();
        String id;
        try {
            int port = port(child);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(audio, image, "crop"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            id = r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
            long deadline = System.nanoTime() + 60_000_000_000L;
            String body = "";
            while (!body.contains("\"stage\":\"render\"") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + id)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(body.contains("\"state\":\"running\""), body);
        } finally {
            child.destroyForcibly().waitFor();
        }
        ServerConfig c = restartConfig(in, data, 2);
        try (Service restarted = Service.start(c, () -> new StandInGenerator(c.output, true))) {
            com.fasterxml.jackson.databind.JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restarted.port() + "/jobs/" + id))
                            .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("queued", job.path("state").asText(), job.toString());
            assertEquals(0.0, job.path("progress").asDouble(), job.toString());
            assertTrue(job.path("stage").isMissingNode(), job.toString());
            assertEquals(2, job.path("attempt").asInt(), job.toString());
            assertTrue(job.path("previous_attempt").asText().startsWith("interrupted"), job.toString());
        }
    }

    private static int port(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                int port = Integer.parseInt(line.substring(5).trim());
                assertTrue(port > 0);
                return port;
            }
        }
        throw new AssertionError("the child service did not start");
    }

    /** The in-process server that takes over the dead child's job database. */
    private static ServerConfig restartConfig(Path in, Path data, int retries) {
        ServerConfig c = new ServerConfig();
        c.port = 0;
        c.inputRoots = List.of(in);
        c.dataDir = data;
        c.output = data.resolve("out");
        c.maxQueued = 100;
        c.retries = retries;
        c.workers = 1;
        c.pollSeconds = 5;
        c.shutdownGraceSeconds = 1;
        return c;
    }
}
