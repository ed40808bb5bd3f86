package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.SadTalkerEngine;
import sadtalker.checkpoint.SafetensorsFile;
import sadtalker.EngineOptions;
import sadtalker.FaceHints;
import sadtalker.GenerationRequest;
import sadtalker.GenerationResult;
import sadtalker.Mode;
import sadtalker.ProgressListener;
import sadtalker.TalkingHeadGenerator;
import sadtalker.testkit.SpeechClips;
import sadtalker.testkit.SyntheticModels;

/**
 * The service with the real engine on real-size synthetic checkpoints: a request is acknowledged
 * with 1 and the MP4 appears in the output directory. Synthetic weights find no real face, so the
 * engine gets the original's landmarks for happy.png (parity case preprocess.crop_info--happy-full).
 */
class RealEngineServiceTest {
    @TempDir
    Path tmp;

    @Test
    void a_request_becomes_an_mp4_in_the_output_directory() throws Exception {
        Path shared = Path.of(System.getProperty("sadtalker.shared.dir", "../../shared"));
        Path models = SyntheticModels.write(tmp.resolve("models"), 5);
        float[] landmarks;
        try (SafetensorsFile c = SafetensorsFile.open(shared.resolve("parity/cases/preprocess.crop_info--happy-full.safetensors"))) {
            landmarks = c.tensors().get("in.landmarks68").toFloatArray();
        }
        Path in = tmp.resolve("in");
        Path image = Fixtures.copy("happy.png", in, "face.png");
        Path audio = Files.createDirectories(in).resolve("speech.wav");
        SpeechClips.write(audio, 2000, 2 * 640 + 160); // 125 ms in: two 640-sample frames and a bit

        ServerConfig c = Fixtures.config(tmp, in);
        EngineOptions options = EngineOptions.builder(models).outputDir(c.output).build();
        FaceHints hints = FaceHints.ofLandmarks(landmarks);
        try (Service s = Service.start(c, () -> withFaces(SadTalkerEngine.load(options), hints))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(audio, image, "crop"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("1", r.body());
            String id = r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
            JsonNode job = null;
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (System.nanoTime() < deadline) {
                job = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.port() + "/jobs/" + id)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (job.path("state").asText().matches("done|failed")) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertEquals("done", job.path("state").asText(), job.toString());
            Path output = Path.of(job.path("output").asText());
            assertEquals(c.output.toAbsolutePath().normalize(), output.getParent().toAbsolutePath().normalize());
            assertTrue(Files.size(output) > 1000, "an MP4 with content: " + output);
            // A client fetches it over HTTP and decodes it back.
            HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + job.path("video").asText())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, video.statusCode());
            assertEquals("video/mp4", video.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(Files.readAllBytes(output), video.body());
            Path downloaded = Files.write(tmp.resolve("downloaded.mp4"), video.body());
            int frames = 0;
            try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(downloaded.toFile())) {
                g.start();
                while (g.grabImage() != null) {
                    frames++;
                }
            }
            assertTrue(frames > 0, "frames decoded from the downloaded MP4");
            try (var files = Files.list(c.output)) {
                assertEquals(List.of(output.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList(),
                        "only the result in the output directory");
            }
        }
    }

    /** The engine with the given faces on every request (the service itself never gives any). */
    private static TalkingHeadGenerator withFaces(SadTalkerEngine engine, FaceHints hints) {
        return new TalkingHeadGenerator() {
            @Override
            public GenerationResult generate(Path audio, Path image, Mode mode, ProgressListener progress) {
                return engine.generate(GenerationRequest.builder(audio, image, mode).progress(progress).faces(hints).build());
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }
}
