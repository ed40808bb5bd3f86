package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGTERM ({@code Process.destroy()} on Linux) to the server command in a child JVM while a
 * job runs: within the shutdown grace the job finishes and is recorded; past it the job goes back to
 * the queue unpublished. Either way the process exits by itself, and after a restart on the same
 * database the job has exactly one MP4.
 */
class SigtermTest {
    private static final Pattern READY = Pattern.compile("server\\.ready host=\\S+ port=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_job_that_ends_within_the_grace_is_finished_recorded_and_not_run_again() throws Exception {
        Run run = sigtermDuringAJob(3_000, 30);
        assertTrue(run.log.contains("job.done id=" + run.id), run.log);
        assertTrue(run.log.contains("server.stopped") && !run.log.contains("grace_expired"), run.log);
        ServerConfig c = restartConfig(0);
        StandInGenerator g = new StandInGenerator(c.output, false);
        try (Service restarted = Service.start(c, () -> g)) {
            JsonNode job = status(restarted.port(), run.id);
            assertEquals("done", job.path("state").asText(), job.toString());
            Thread.sleep(Duration.ofSeconds(c.pollSeconds + 1).toMillis());   // a poll: nothing is taken up again
            assertEquals(0, g.started.get(), "the finished job ran again");
        }
        assertEquals(List.of(run.id + ".mp4"), published());
    }

    @Test
    void a_job_that_outlives_the_grace_goes_back_unpublished_and_runs_once_more() throws Exception {
        Run run = sigtermDuringAJob(60_000, 2);
        assertTrue(run.log.contains("grace_expired=true"), run.log);
        assertFalse(run.log.contains("job.done"), run.log);
        assertEquals(List.of(), published(), "the interrupted job published something");
        ServerConfig c = restartConfig(2);
        StandInGenerator g = new StandInGenerator(c.output, false);
        try (Service restarted = Service.start(c, () -> g)) {
            new ServiceHttp().await(restarted, run.id, ServiceHttp.state("done"), Duration.ofSeconds(120));
            assertEquals(1, g.started.get());
        }
        assertEquals(List.of(run.id + ".mp4"), published());
    }

    /** What the child did: the job's id and everything it logged. */
    private record Run(String id, String log) {}

    private Run sigtermDuringAJob(long jobMillis, int graceSeconds) throws Exception {
        Path in = tmp.resolve("in");
        Path audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav");
        Path image = Fixtures.copy("happy.png", in, "face.png");
        Files.createDirectories(tmp.resolve("models"));
        Path logFile = tmp.resolve("child-" + jobMillis + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignalServerMain.class.getName(), Long.toString(jobMillis),
                "--allow-cpu", "--port", "0", "--input-root", in.toString(), "--data-dir", tmp.resolve("data").toString(),
                "--output", tmp.resolve("out").toString(), "--models", tmp.resolve("models").toString(),
                "--shutdown-grace", Integer.toString(graceSeconds), "--retries", "2", "--poll-seconds", "5")
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        try {
            int port = port(child, logFile);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(audio, image, "crop"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            String id = r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!status(port, id).path("state").asText().equals("running")) {
                assertTrue(System.nanoTime() < deadline, "the job never started: " + Files.readString(logFile));
                Thread.sleep(100);
            }
            long signalled = System.nanoTime();
            child.destroy();                              // SIGTERM
            assertTrue(child.waitFor(graceSeconds + 30L, TimeUnit.SECONDS), "the server did not exit: " + Files.readString(logFile));
            assertEquals(143, child.exitValue(), "exit status after SIGTERM (128 + 15): " + Files.readString(logFile));
            System.out.printf("SIGTERM with a %d ms job and a %d s grace: exited after %.1f s%n", jobMillis, graceSeconds,
                    (System.nanoTime() - signalled) / 1e9);
            return new Run(id, Files.readString(logFile));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private JsonNode status(int port, String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + id))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<String> published() throws Exception {
        if (!Files.isDirectory(tmp.resolve("out"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4")).sorted().toList();
        }
    }

    /** Waits for the child's log to say it is ready, and returns its port. */
    private static int port(Process child, Path logFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String log = Files.exists(logFile) ? Files.readString(logFile) : "";
            Matcher m = READY.matcher(log);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(child.isAlive(), "the child server did not start: " + log);
            Thread.sleep(100);
        }
        throw new AssertionError("the child server did not get ready in 2 minutes");
    }

    /** The in-process server that takes over the child's job database and output. */
    private ServerConfig restartConfig(int retries) {
        ServerConfig c = Fixtures.config(tmp, tmp.resolve("in"));
        c.maxQueued = 100;
        c.retries = retries;
        c.shutdownGraceSeconds = 5;
        return c;
    }
}
