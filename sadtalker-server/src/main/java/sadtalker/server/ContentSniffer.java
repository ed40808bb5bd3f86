package sadtalker.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises image and audio files by their first bytes, never by their names, so that the
 * service can refuse a wrong file at once instead of failing a job minutes later.
 */
final class ContentSniffer {
    /** Which kind of content a request field must hold. */
    enum Kind {
        IMAGE("a supported image (PNG, JPEG, BMP, GIF, WEBP, TIFF)"),
        AUDIO("a supported audio file (WAV, MP3, M4A/AAC, FLAC, OGG)");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private ContentSniffer() {}

    /** True if {@code file}'s content looks like {@code kind}. */
    static boolean matches(Path file, Kind kind) throws IOException {
        byte[] h = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        }
        return kind == Kind.IMAGE ? isImage(h, n) : isAudio(h, n);
    }

    private static boolean isImage(byte[] h, int n) {
        return starts(h, n, 0x89, 'P', 'N', 'G')
                || starts(h, n, 0xFF, 0xD8, 0xFF)
                || starts(h, n, 'B', 'M')
                || ascii(h, n, 0, "GIF8")
                || (ascii(h, n, 0, "RIFF") && ascii(h, n, 8, "WEBP"))
                || starts(h, n, 'I', 'I', 42, 0)
                || starts(h, n, 'M', 'M', 0, 42);
    }

    private static boolean isAudio(byte[] h, int n) {
        return (ascii(h, n, 0, "RIFF") && ascii(h, n, 8, "WAVE"))
                || ascii(h, n, 0, "ID3")                                   // MP3 with ID3 tag
                || (n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0) // MPEG audio frame or ADTS AAC
                || ascii(h, n, 0, "fLaC")
                || ascii(h, n, 0, "OggS")
                || ascii(h, n, 4, "ftyp");                                  // MP4 / M4A container
    }

    private static boolean starts(byte[] h, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] h, int n, int at, String text) {
        return n >= at + text.length()
                && new String(h, at, text.length(), StandardCharsets.ISO_8859_1).equals(text);
    }
}
