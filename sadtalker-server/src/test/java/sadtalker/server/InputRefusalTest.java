package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.InputCheck;
import sadtalker.InvalidInputException;
import sadtalker.testkit.BadInputs;

/**
 * POST refuses at once the files a job would refuse (issue 13 item 7), with a 400 naming the field
 * and the engine's own message for the file; no job is queued for them.
 */
class InputRefusalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The check the engine runs first in every job, with the server's engine limits. */
    private static final InputCheck ENGINE = InputCheck.defaults();

    @TempDir
    Path tmp;

    private final ServiceHttp client = new ServiceHttp();
    private Path in;
    private Path audio;
    private Path image;
    private StandInGenerator generator;
    private Service service;

    @BeforeEach
    void start() throws Exception {
        in = tmp.resolve("in").toAbsolutePath();
        audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav").toRealPath();
        image = Fixtures.copy("happy.png", in, "face.png").toRealPath();
        ServerConfig c = Fixtures.config(tmp, in);
        generator = new StandInGenerator(c.output, false);
        service = Service.start(c, () -> generator);
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void bad_audio_is_refused_at_post_with_the_engines_message() throws Exception {
        for (Map.Entry<String, Path> bad : BadInputs.audio(in.resolve("bad")).entrySet()) {
            Path file = bad.getValue().toRealPath();
            JsonNode violation = refused(Fixtures.json(file, image, "crop"), bad.getKey());
            assertEquals("driven_audio", violation.path("field").asText(), bad.getKey());
            assertEquals(engineMessage(() -> ENGINE.audio(file)), violation.path("message").asText(), bad.getKey());
        }
        Path hour = in.resolve("bad/hour.wav").toRealPath();
        assertEquals(hour + ": 3600.0 s of audio is longer than the maximum of 600.0 s",
                refused(Fixtures.json(hour, image, "crop"), "hour").path("message").asText());
        assertEquals(0, generator.started.get(), "no job may run for a refused file");
    }

    @Test
    void bad_pictures_are_refused_at_post_with_the_engines_message() throws Exception {
        for (Map.Entry<String, Path> bad : BadInputs.images(in.resolve("bad"), image).entrySet()) {
            Path file = bad.getValue().toRealPath();
            JsonNode violation = refused(Fixtures.json(audio, file, "full"), bad.getKey());
            assertEquals("source_image", violation.path("field").asText(), bad.getKey());
            assertEquals(engineMessage(() -> ENGINE.image(file)), violation.path("message").asText(), bad.getKey());
        }
        assertEquals(0, generator.started.get(), "no job may run for a refused file");
    }

    @Test
    void good_files_are_still_accepted() throws Exception {
        HttpResponse<String> r = client.post(service, Fixtures.json(audio, image, "crop"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("1", r.body());
    }

    /** The single violation of a 400 answer. */
    private JsonNode refused(String body, String what) throws Exception {
        HttpResponse<String> r = client.post(service, body);
        assertEquals(400, r.statusCode(), what + ": " + r.body());
        JsonNode violations = JSON.readTree(r.body()).path("violations");
        assertEquals(1, violations.size(), what + ": " + r.body());
        return violations.get(0);
    }

    private static String engineMessage(org.junit.jupiter.api.function.Executable check) {
        String message = assertThrows(InvalidInputException.class, check).getMessage();
        assertTrue(!message.isBlank());
        return message;
    }
}
