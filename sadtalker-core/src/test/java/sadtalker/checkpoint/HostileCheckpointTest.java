package sadtalker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built to exhaust the reader (stack, heap, arithmetic) are refused with a CheckpointException naming them. */
class HostileCheckpointTest {
    @TempDir
    Path tmp;

    /** A torch zip checkpoint whose data.pkl is {@code pickle}. */
    private Path zipWith(String name, byte[] pickle) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void a_200000_deep_pickle_is_refused() throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[] {(byte) 0x80, 2});
        for (int i = 0; i < 200_000; i++) {
            p.write(']');                       // EMPTY_LIST
        }
        for (int i = 0; i < 199_999; i++) {
            p.write('a');                       // APPEND: each list into the one below
        }
        p.write('.');
        Path file = zipWith("deep.pth", p.toByteArray());
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(file).close());
        assertTrue(e.getMessage().startsWith("deep.pth") && e.getMessage().contains("nests too deeply"), e.getMessage());
    }

    @Test
    void a_short_file_declaring_a_2_gb_string_is_refused_before_allocating_it() throws IOException {
        byte[] pickle = {(byte) 0x80, 2, 'X', (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F, 'a', 'b', 'c'};
        Path file = zipWith("bigstring.pth", pickle);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(file).close());
        assertTrue(e.getMessage().startsWith("bigstring.pth") && e.getMessage().contains("declares a string of 2147483632 bytes"),
                e.getMessage());
        byte[] bytes8 = {(byte) 0x80, 4, (byte) 0x8e, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 'a'};
        Path file8 = zipWith("bigbytes.pth", bytes8);
        CheckpointException e8 = assertThrows(CheckpointException.class, () -> Checkpoint.open(file8).close());
        assertTrue(e8.getMessage().contains("declares a string of"), e8.getMessage());
    }

    @Test
    void a_shape_whose_element_count_overflows_is_refused() {
        Path file = tmp.resolve("huge.pth");
        Storage storage = new Storage(file, "0", DType.F32, 4, (offset, length) -> {
            throw new AssertionError("never read");
        });
        long big = 1L << 62;
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> StoredTensor.contiguous(storage, new long[] {big, big}));
        assertTrue(e.getMessage().startsWith("huge.pth") && e.getMessage().contains("2^63"), e.getMessage());
    }
}
