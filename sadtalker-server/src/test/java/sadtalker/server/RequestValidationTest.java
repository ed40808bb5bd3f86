package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.Mode;

/** Every kind of bad request body gets violations naming the field and the reason. */
class RequestValidationTest {
    @TempDir
    Path tmp;

    private Path root;
    private Path audio;
    private Path image;
    private RequestValidation validation;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("inputs"));
        audio = Fixtures.copy("speech_en_16k.wav", root, "speech.wav");
        image = Fixtures.copy("happy.png", root, "face.png");
        validation = new RequestValidation(new InputRoots(List.of(root)));
    }

    private String violations(String body) {
        RequestValidation.Outcome o = validation.check(body);
        assertTrue(!o.valid(), "expected violations for " + body);
        return o.violations().stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void a_valid_request_passes() {
        RequestValidation.Outcome o = validation.check(Fixtures.json(audio, image, "full"));
        assertTrue(o.valid(), o.violations().toString());
        assertEquals(Mode.FULL, o.request().mode());
    }

    @Test
    void content_decides_not_the_extension() throws IOException {
        Path jpegAsPng = Fixtures.copy("full_body_1.png", root, "body.png");   // a JPEG named .png
        Path mp3 = Fixtures.copy("speech_en.mp3", root, "speech.mp3");
        assertTrue(validation.check(Fixtures.json(mp3, jpegAsPng, "crop")).valid());
        Path textAsWav = Files.writeString(root.resolve("notes.wav"), "hello");
        String v = violations(Fixtures.json(textAsWav, audio, "crop"));
        // the engine's own refusals, naming the file by its real path
        assertTrue(v.contains("driven_audio: " + textAsWav.toRealPath() + ": not an audio file FFmpeg can read"), v);
        assertTrue(v.contains("source_image: " + audio.toRealPath() + ": not an image"), v);
    }

    @Test
    void every_missing_field_is_named() {
        String v = violations("{}");
        assertTrue(v.contains("driven_audio: is required") && v.contains("source_image: is required")
                && v.contains("option: is required"), v);
    }

    @Test
    void option_must_be_full_or_crop() {
        assertTrue(violations(Fixtures.json(audio, image, "FULL")).contains("option: must be 'full' or 'crop'"));
    }

    @Test
    void paths_must_exist_and_be_files() {
        String v = violations(Fixtures.json(root.resolve("nope.wav"), root, "crop"));
        assertTrue(v.contains("driven_audio: " + InputRoots.unavailable(root.resolve("nope.wav").toString())), v);
        assertTrue(v.contains("source_image: '" + root + "' is not a regular file"), v);
    }

    @Test
    void paths_must_stay_inside_the_input_roots() throws IOException {
        Path outside = Fixtures.copy("happy.png", tmp.resolve("elsewhere"), "face.png");
        Path escape = root.resolve("../elsewhere/face.png");
        Path link = Files.createSymbolicLink(root.resolve("link.png"), outside);
        assertTrue(violations(Fixtures.json(audio, escape, "crop")).contains(InputRoots.unavailable(escape.toString())));
        assertTrue(violations(Fixtures.json(audio, link, "crop")).contains(InputRoots.unavailable(link.toString())));
    }

    @Test
    void unknown_fields_and_wrong_types_are_named() {
        String v = violations("{\"driven_audio\": 5, \"source_image\": [\"a\"], \"option\": \"full\", \"speed\": 2}");
        assertTrue(v.contains("speed: is not a known field"), v);
        assertTrue(v.contains("driven_audio: must be a string, not number"), v);
        assertTrue(v.contains("source_image: must be a string, not array"), v);
    }

    @Test
    void broken_bodies_are_described() {
        assertTrue(violations("").contains("body: is empty"));
        assertTrue(violations("{\"driven_audio\": ").contains("body: is not valid JSON"));
        assertTrue(violations("[1, 2]").contains("body: must be a JSON object"));
    }
}
