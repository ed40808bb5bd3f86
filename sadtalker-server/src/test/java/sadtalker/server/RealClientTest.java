package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service driven as a user would: a plain {@code java.net.http} client posts a job, polls it,
 * downloads the MP4 through {@code /jobs/{id}/video} (whole and in ranges, as a player seeks) and
 * decodes it back with FFmpeg. The stand-in engine writes a real 10-frame H.264 MP4. A headless
 * browser opens {@code /docs} when the machine has one.
 */
class RealClientTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "firefox");

    @TempDir
    Path tmp;

    private Service start() throws Exception {
        ServerConfig c = Fixtures.config(tmp, tmp.resolve("in"));
        c.shutdownGraceSeconds = 2;
        StandInGenerator g = new StandInGenerator(c.output, false);
        g.realFrames = 10;
        return Service.start(c, () -> g);
    }

    @Test
    void a_plain_http_client_posts_polls_downloads_and_decodes_the_video() throws Exception {
        Path audio = Fixtures.copy("speech_en_16k.wav", tmp.resolve("in"), "speech.wav");
        Path image = Fixtures.copy("happy.png", tmp.resolve("in"), "face.png");
        HttpClient http = HttpClient.newHttpClient();
        try (Service s = start()) {
            URI base = URI.create("http://127.0.0.1:" + s.port());
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.resolve("/generate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(audio, image, "crop"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("1", posted.body());
            URI status = base.resolve(posted.headers().firstValue("Location").orElseThrow());
            JsonNode job = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                job = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(status).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (job.path("state").asText().matches("done|failed")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals("done", job.path("state").asText(), String.valueOf(job));
            URI video = base.resolve(job.path("video").asText());
            Path downloaded = tmp.resolve("downloaded.mp4");
            HttpResponse<Path> whole = http.send(HttpRequest.newBuilder(video).build(),
                    HttpResponse.BodyHandlers.ofFile(downloaded));
            assertEquals(200, whole.statusCode());
            assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElseThrow());
            long size = Files.size(downloaded);
            assertEquals(size, Long.parseLong(whole.headers().firstValue("Content-Length").orElseThrow()));

            // As a player seeks: the file in two ranges, joined, is the file.
            long half = size / 2;
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (String range : List.of("bytes=0-" + (half - 1), "bytes=" + half + "-")) {
                HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(video).header("Range", range).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(206, part.statusCode(), range);
                joined.write(part.body());
            }
            assertArrayEquals(Files.readAllBytes(downloaded), joined.toByteArray());

            int frames = 0;
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(downloaded.toFile())) {
                grabber.start();
                assertEquals(64, grabber.getImageWidth());
                assertEquals(48, grabber.getImageHeight());
                for (Frame f; (f = grabber.grabImage()) != null; ) {
                    frames++;
                }
            }
            System.out.println("real client: downloaded " + size + " bytes, decoded " + frames + " frames");
            assertEquals(10, frames, "frames decoded from the downloaded MP4");
        }
    }

    @Test
    void a_headless_browser_renders_the_docs() throws Exception {
        Optional<Path> browser = BROWSERS.stream().map(RealClientTest::which).flatMap(Optional::stream).findFirst();
        assumeTrue(browser.isPresent(), "no headless browser on this machine (looked for " + BROWSERS
                + " on the PATH): the /docs browser test is skipped");
        Files.createDirectories(tmp.resolve("in"));   // the service needs its input root
        try (Service s = start()) {
            boolean firefox = browser.get().getFileName().toString().contains("firefox");
            List<String> command = firefox
                    ? List.of(browser.get().toString(), "--headless", "--screenshot", tmp.resolve("docs.png").toString(),
                            "http://127.0.0.1:" + s.port() + "/docs")
                    : List.of(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                            "--virtual-time-budget=10000", "--dump-dom", "http://127.0.0.1:" + s.port() + "/docs");
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            String dom = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            if (firefox) {
                assertTrue(Files.size(tmp.resolve("docs.png")) > 0);
            } else {
                // Swagger UI ran: it rendered the operations from /openapi.json into the page.
                assertTrue(dom.contains("getJobVideo") || dom.contains("/jobs/{id}/video"), dom);
            }
        }
    }

    private static Optional<Path> which(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }
}
