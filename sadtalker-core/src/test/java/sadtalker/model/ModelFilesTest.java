package sadtalker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.Manifest;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.testkit.Tensors;
import sadtalker.testkit.TorchWriter;

/** Model verification against the bundled manifests, and resumable, verified downloads on loopback. */
class ModelFilesTest {
    @TempDir
    Path tmp;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A synthetic training checkpoint with the official mapping file's keys, in its container format. */
    private static Path syntheticMapping(Path file, ModelFile kind, String dropKey, String extraKey) throws IOException {
        Manifest m = kind.manifests().get(0);
        Map<String, StoredTensor> sd = new LinkedHashMap<>();
        for (Manifest.Entry e : m.tensors()) {
            if (!e.key().equals(dropKey)) {
                sd.put(e.key(), Tensors.detweights(e.key(), e.shape(), 7));
            }
        }
        if (extraKey != null) {
            sd.put(extraKey, Tensors.detweights(extraKey, new long[] {2}, 7));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(m.container(), TorchWriter.stateDict(sd));
        root.put("epoch", 229);
        Files.createDirectories(file.getParent());
        TorchWriter.writeZip(file, root);
        return file;
    }

    @Test
    void every_model_file_has_its_manifests() {
        for (ModelFile f : ModelFile.values()) {
            assertFalse(f.manifests().isEmpty(), f.name());
            f.manifests().forEach(m -> assertEquals(f.fileName(), m.file(), f.name()));
        }
        assertEquals(3, ModelFile.SADTALKER.manifests().size());
    }

    @Test
    void a_faithful_file_verifies_and_a_wrong_one_is_refused_by_name() throws IOException {
        Path good = syntheticMapping(tmp.resolve("good/mapping_00229-model.pth.tar"), ModelFile.MAPPING_CROP, null, null);
        assertDoesNotThrow(() -> ModelCheck.verify(good, ModelFile.MAPPING_CROP));

        CheckpointException wrongModel = assertThrows(CheckpointException.class,
                () -> ModelCheck.verify(good, ModelFile.MAPPING_FULL));
        assertTrue(wrongModel.getMessage().contains("first.0.weight has shape [1024, 70, 7], expected [1024, 73, 7]"),
                wrongModel.getMessage());
        assertTrue(wrongModel.getMessage().contains("models download"), wrongModel.getMessage());

        Path damaged = syntheticMapping(tmp.resolve("bad/mapping_00229-model.pth.tar"), ModelFile.MAPPING_CROP,
                "fc_roll.weight", "stray.bias");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ModelCheck.verify(damaged, ModelFile.MAPPING_CROP));
        assertTrue(e.getMessage().startsWith("mapping_00229-model.pth.tar: "), e.getMessage());
        assertTrue(e.getMessage().contains("missing fc_roll.weight") && e.getMessage().contains("unexpected stray.bias"),
                e.getMessage());
    }

    @Test
    void an_interrupted_download_resumes_and_is_verified_before_it_gets_its_name() throws Exception {
        byte[] content = Files.readAllBytes(syntheticMapping(tmp.resolve("src/m.pth.tar"), ModelFile.MAPPING_CROP, null, null));
        AtomicLong cutAfter = new AtomicLong(content.length / 3);
        List<String> ranges = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/m", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.sendResponseHeaders(range == null ? 200 : 206, content.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                long limit = cutAfter.getAndSet(Long.MAX_VALUE);
                out.write(content, from, (int) Math.min(content.length - from, limit));
            } catch (IOException closedByClient) {
                // the client noticed the short body
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/m");
        Path models = tmp.resolve("models");
        // The server stalls after a third of the file: the read timeout abandons it.
        ModelDownloader downloader = new ModelDownloader(f -> url, java.time.Duration.ofSeconds(2));

        assertThrows(IOException.class, () -> downloader.download(ModelFile.MAPPING_CROP, models, (f, d, t) -> { }));
        assertFalse(Files.exists(models.resolve("mapping_00229-model.pth.tar")), "no half file under the real name");
        long partial = Files.size(models.resolve("mapping_00229-model.pth.tar.part"));
        assertEquals(content.length / 3, partial);

        List<Long> progress = new CopyOnWriteArrayList<>();
        Path done = downloader.download(ModelFile.MAPPING_CROP, models, (f, d, t) -> progress.add(d));
        assertEquals(List.of("null", "bytes=" + partial + "-"), ranges);
        assertArrayEquals(content, Files.readAllBytes(done));
        assertFalse(Files.exists(models.resolve("mapping_00229-model.pth.tar.part")));
        assertEquals(content.length, progress.get(progress.size() - 1));
    }

    @Test
    void a_download_of_the_wrong_content_is_deleted() throws Exception {
        byte[] page = "<html>404 Not Found</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/m", exchange -> {
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/m");
        Path models = tmp.resolve("models");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> new ModelDownloader(f -> url, java.time.Duration.ofSeconds(5)).download(ModelFile.PARSING, models, (f, d, t) -> { }));
        assertTrue(e.getMessage().contains("not a checkpoint"), e.getMessage());
        try (var files = Files.list(models)) {
            assertEquals(0, files.count(), "nothing may be left behind");
        }
    }
}
