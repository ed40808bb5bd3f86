package sadtalker.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The audio and pictures a service is sent to make a job fail late (issue 13 item 7), each written
 * into a directory in a few kilobytes: the 1-hour WAV is a sparse file, the 30000×30000 PNG a
 * header without pixels.
 */
public final class BadInputs {
    private BadInputs() {}

    /** Each bad audio file by a short description, written into {@code dir}. */
    public static Map<String, Path> audio(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("one hour of 16 kHz WAV", oneHourWav(dir.resolve("hour.wav")));
        files.put("WAV header without samples", wavHeader(dir.resolve("header-only.wav"), 0));
        files.put("RIFF WAVE then garbage", Files.write(dir.resolve("riff-garbage.wav"),
                "RIFF\u0010\u0000\u0000\u0000WAVEgarbage-garbage-garbage".getBytes(StandardCharsets.ISO_8859_1)));
        files.put("ID3 then text", Files.write(dir.resolve("id3-text.mp3"),
                "ID3 and then some text that is not MPEG audio at all".getBytes(StandardCharsets.ISO_8859_1)));
        return files;
    }

    /** Each bad picture by a short description, written into {@code dir}; {@code good} is a PNG to cut. */
    public static Map<String, Path> images(Path dir, Path good) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("PNG header announcing 30000×30000", Files.write(dir.resolve("huge.png"), pngHeader(30_000, 30_000)));
        byte[] png = Files.readAllBytes(good);
        files.put("PNG cut in half", Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2)));
        files.put("8-byte PNG", Files.write(dir.resolve("eight.png"), Arrays.copyOf(png, 8)));
        return files;
    }

    /** A 16 kHz mono 16-bit WAV of one hour: a real header and a sparse (zero) data chunk. */
    public static Path oneHourWav(Path file) throws IOException {
        long dataBytes = 3600L * 16_000 * 2;
        wavHeader(file, dataBytes);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(44 + dataBytes);
        }
        return file;
    }

    /** The 44-byte header of a 16 kHz mono 16-bit WAV whose data chunk declares {@code dataBytes}. */
    public static Path wavHeader(Path file, long dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (36 + dataBytes)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt((int) dataBytes);
        return Files.write(file, b.array());
    }

    /** A valid PNG signature, IHDR (8-bit RGB, {@code w}×{@code h}) and IEND, with no pixel data. */
    public static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteBuffer out = ByteBuffer.allocate(8 + 25 + 12);
        out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.array();
    }

    private static void chunk(ByteBuffer out, String type, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(body);
        out.putInt(body.length).put(ascii(type)).put(body).putInt((int) crc.getValue());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
