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
            // the 512 file holds the 256 file's keys and shapes (same networks, same configs)
            String manifestFile = f == ModelFile.SADTALKER_512 ? ModelFile.SADTALKER.fileName() : f.fileName();
            f.manifests().forEach(m -> assertEquals(manifestFile, m.file(), f.name()));
        }
        assertEquals(3, ModelFile.SADTALKER.manifests().size());
        assertEquals(List.of("generator", "kp_detector", "he_estimator"), ModelFile.FACEVID2VID_LEGACY.manifests().get(0).nested());
    }

    @Test
    void each_setting_needs_the_files_init_path_picks() {
        assertEquals(List.of(ModelFile.SADTALKER, ModelFile.MAPPING_FULL, ModelFile.MAPPING_CROP, ModelFile.GFPGAN,
                ModelFile.DETECTION, ModelFile.ALIGNMENT, ModelFile.PARSING), ModelFile.required(false, 256, true));
        assertEquals(List.of(ModelFile.SADTALKER_512, ModelFile.MAPPING_FULL, ModelFile.MAPPING_CROP,
                ModelFile.DETECTION, ModelFile.ALIGNMENT), ModelFile.required(false, 512, false));
        // --old_version: the four .pth files replace the safetensors file whatever the size; mappings stay
        for (int size : new int[] {256, 512}) {
            assertEquals(List.of(ModelFile.AUDIO2EXP_LEGACY, ModelFile.AUDIO2POSE_LEGACY, ModelFile.FACEVID2VID_LEGACY,
                    ModelFile.RECON_LEGACY, ModelFile.MAPPING_FULL, ModelFile.MAPPING_CROP, ModelFile.DETECTION,
                    ModelFile.ALIGNMENT), ModelFile.required(true, size, false));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.required(false, 384, true));
        assertEquals("size must be 256 or 512 (the SadTalker_V0.0.2_<size>.safetensors checkpoints), got 384", e.getMessage());
        assertEquals(ModelFile.required(false, 256, true).stream().map(ModelFile::fileName).toList(), sadtalker.ModelFiles.names());
        assertTrue(sadtalker.ModelFiles.allNames().containsAll(List.of("epoch_20.pth", "SadTalker_V0.0.2_512.safetensors")));
        // the loaders' file names are the official ones
        assertEquals(ModelFile.FACEVID2VID_LEGACY.fileName(), sadtalker.render.RendererWeights.FACEVID2VID.fileName());
        assertEquals(ModelFile.SADTALKER_512.fileName(), sadtalker.render.RendererWeights.SAFETENSORS_512.fileName());
        assertEquals(ModelFile.RECON_LEGACY.fileName(), sadtalker.face.ReconWeights.EPOCH_20.fileName());
        assertEquals(ModelFile.SADTALKER_512.fileName(), sadtalker.face.ReconWeights.SAFETENSORS_512.fileName());
        assertTrue(ModelFile.SADTALKER_512.url().toString().endsWith("/v0.0.2-rc/SadTalker_V0.0.2_512.safetensors"));
    }

    @Test
    void check_covers_the_files_of_the_run_asked_for(@TempDir Path empty) {
        List<String> legacy = sadtalker.ModelFiles.in(empty).check(true, 256).stream()
                .filter(s -> s.state() == sadtalker.ModelFiles.State.MISSING).map(sadtalker.ModelFiles.Status::fileName).toList();
        assertTrue(legacy.containsAll(List.of("auido2exp_00300-model.pth", "auido2pose_00140-model.pth",
                "facevid2vid_00189-model.pth.tar", "epoch_20.pth")) && !legacy.contains("SadTalker_V0.0.2_256.safetensors"), legacy.toString());
        assertEquals(sadtalker.ModelFiles.names(), sadtalker.ModelFiles.in(empty).check().stream().map(sadtalker.ModelFiles.Status::fileName).toList());
    }

    @Test
    void the_synthetic_legacy_files_verify_against_their_manifests() throws IOException {
        for (ModelFile f : List.of(ModelFile.AUDIO2EXP_LEGACY, ModelFile.AUDIO2POSE_LEGACY, ModelFile.RECON_LEGACY)) {
            Path file = sadtalker.testkit.SyntheticModels.write(tmp, f, 1);
            assertDoesNotThrow(() -> ModelCheck.verify(file, f), f.name());
        }
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> ModelCheck.verify(ModelFile.RECON_LEGACY.in(tmp), ModelFile.AUDIO2EXP_LEGACY));
        assertTrue(e.getMessage().startsWith("epoch_20.pth: ") && e.getMessage().contains("models download auido2exp_00300-model.pth"),
                e.getMessage());
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
