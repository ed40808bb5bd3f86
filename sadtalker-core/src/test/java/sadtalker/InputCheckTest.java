package sadtalker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.audio.AudioDecoder;
import sadtalker.audio.AudioException;
import sadtalker.image.SourceImageException;
import sadtalker.image.SourceImageLoader;
import sadtalker.testkit.BadInputs;
import sadtalker.testkit.SharedData;
import sadtalker.testkit.SpeechClips;

/**
 * The header check refuses what the engine's decoders refuse, with their message: the message is
 * compared with the one the full decode gives (which the engine passes on unchanged).
 */
class InputCheckTest {
    private static final Path EXAMPLES = SharedData.dir().resolve("examples");
    private final InputCheck check = InputCheck.defaults();

    @TempDir
    Path tmp;

    @Test
    void bad_audio_is_refused_from_its_header_as_the_decoder_refuses_it() throws IOException {
        for (Map.Entry<String, Path> bad : BadInputs.audio(tmp).entrySet()) {
            Path file = bad.getValue();
            String decoder = assertThrows(AudioException.class, () -> AudioDecoder.decode(file, 600), bad.getKey())
                    .getMessage();
            assertEquals(decoder, refusal(() -> check.audio(file)), bad.getKey());
        }
    }

    @Test
    void the_hour_and_the_header_only_wav_say_what_is_wrong() throws IOException {
        Map<String, Path> bad = BadInputs.audio(tmp);
        Path hour = bad.get("one hour of 16 kHz WAV");
        assertEquals(hour + ": 3600.0 s of audio is longer than the maximum of 600.0 s", refusal(() -> check.audio(hour)));
        String empty = refusal(() -> check.audio(bad.get("WAV header without samples")));
        assertTrue(empty.contains("holds no samples"), empty);
    }

    @Test
    void a_wav_that_claims_more_than_it_holds_is_judged_by_what_it_holds() throws IOException {
        // the header claims an hour; the file ends after it: FFmpeg decodes nothing
        Path claim = BadInputs.wavHeader(tmp.resolve("claim.wav"), 3600L * 16_000 * 2);
        String decoder = assertThrows(AudioException.class, () -> AudioDecoder.decode(claim, 600)).getMessage();
        assertEquals(decoder, refusal(() -> check.audio(claim)));
    }

    @Test
    void audio_shorter_than_one_video_frame_is_refused_with_the_decoders_message() throws IOException {
        Path clip = SpeechClips.write(tmp.resolve("short.wav"), 0, 300);      // 300 samples: 18.75 ms
        String decoder = assertThrows(AudioException.class, () -> AudioDecoder.decode(clip, 600)).getMessage();
        assertEquals(decoder, refusal(() -> check.audio(clip)));
        SpeechClips.write(tmp.resolve("long-enough.wav"), 0, 640);
        check.audio(tmp.resolve("long-enough.wav"));
        AudioDecoder.decode(tmp.resolve("long-enough.wav"), 600);
    }

    @Test
    void the_limit_is_the_engines_option() {
        Path mp3 = EXAMPLES.resolve("speech_en.mp3");
        InputCheck strict = InputCheck.of(EngineOptions.builder(Path.of("models")).maxAudioSeconds(1).build());
        String message = refusal(() -> strict.audio(mp3));
        assertTrue(message.startsWith(mp3 + ": ") && message.endsWith("s of audio is longer than the maximum of 1.0 s"),
                message);
        assertEquals(assertThrows(AudioException.class, () -> AudioDecoder.decode(mp3, 1)).getMessage(), message);
    }

    @Test
    void bad_pictures_are_refused_from_their_header_as_the_loader_refuses_them() throws IOException {
        for (Map.Entry<String, Path> bad : BadInputs.images(tmp, EXAMPLES.resolve("happy.png")).entrySet()) {
            Path file = bad.getValue();
            String loader = assertThrows(SourceImageException.class, () -> SourceImageLoader.load(file), bad.getKey())
                    .getMessage();
            assertEquals(loader, refusal(() -> check.image(file)), bad.getKey());
        }
        Path huge = tmp.resolve("huge.png");
        assertTrue(refusal(() -> check.image(huge)).contains("30000×30000 pixels is beyond the accepted"));
    }

    @Test
    void missing_files_are_named() {
        Path none = tmp.resolve("none.wav");
        assertEquals(none + ": no such file", refusal(() -> check.audio(none)));
        assertEquals(none + ": no such file", refusal(() -> check.image(none)));
        assertEquals(tmp + ": not a regular file", refusal(() -> check.image(tmp)));
    }

    @Test
    void good_files_pass() {
        check.inputs(EXAMPLES.resolve("speech_en_16k.wav"), EXAMPLES.resolve("happy.png"));
        check.inputs(EXAMPLES.resolve("speech_en.mp3"), EXAMPLES.resolve("full_body_1.png"));
        check.audio(EXAMPLES.resolve("bus_chinese.wav"));
    }

    private static String refusal(Executable call) {
        return assertThrows(InvalidInputException.class, call).getMessage();
    }
}
