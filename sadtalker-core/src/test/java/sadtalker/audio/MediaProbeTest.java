package sadtalker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFmpeg's error texts reach users: only the message itself, never the native buffer behind it. */
class MediaProbeTest {
    @TempDir
    Path tmp;

    private static void assertPrintable(String message) {
        for (char c : message.toCharArray()) {
            assertTrue(c >= 0x20 && c != 0x7F && c != '\uFFFD', "control or invalid character "
                    + (int) c + " in: " + message.replace('\0', '@'));
        }
    }

    @Test
    void error_texts_end_at_the_terminator() {
        for (int code : new int[] {-1, -2, -22, -1094995529 /* AVERROR_INVALIDDATA */, -123456789}) {
            String message = MediaProbe.error(code);
            assertPrintable(message);
            assertTrue(message.endsWith(", error " + code), message);
            assertTrue(message.length() < 120, message.length() + " chars: " + message.replace('\0', '@'));
        }
        assertEquals("Invalid data found when processing input, error -1094995529", MediaProbe.error(-1094995529));
    }

    @Test
    void garbage_behind_a_wave_or_id3_header_gives_a_clean_message() throws IOException {
        byte[] riff = "RIFF\u0010\u0000\u0000\u0000WAVEgarbage-garbage-garbage".getBytes(StandardCharsets.ISO_8859_1);
        byte[] id3 = "ID3 and then some text that is not MPEG audio at all".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] content : new byte[][] {riff, id3}) {
            Path file = Files.write(tmp.resolve("bad" + content.length + ".wav"), content);
            AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.decode(file));
            assertPrintable(e.getMessage());
        }
    }
}
