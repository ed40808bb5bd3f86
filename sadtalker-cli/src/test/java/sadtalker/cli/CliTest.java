package sadtalker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and messages a script can rely on. */
class CliTest {
    private static final Path CHECKPOINTS = Path.of(System.getProperty("sadtalker.shared.dir", "../../shared"))
            .resolve("parity/checkpoints");
    private static final Path EXAMPLES = Path.of(System.getProperty("sadtalker.shared.dir", "../../shared"))
            .resolve("examples");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SadTalkerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void inspect_lists_every_tensor() {
        assertEquals(0, run("inspect", CHECKPOINTS.resolve("training_checkpoint.pth.tar").toString(), "--container", "mapping"));
        assertTrue(out.toString().contains("conv.weight"), out.toString());
        assertTrue(out.toString().contains("9 tensors"), out.toString());
    }

    @Test
    void inspect_refuses_a_hostile_file_with_exit_1() {
        assertEquals(1, run("inspect", CHECKPOINTS.resolve("hostile_global.pth").toString()));
        assertTrue(err.toString().contains("hostile_global.pth: refused to load"), err.toString());
        assertTrue(err.toString().contains("posix.system"), err.toString());
    }

    @Test
    void inspect_and_models_check_refuse_files_built_to_exhaust_the_reader(@TempDir Path tmp) throws Exception {
        java.io.ByteArrayOutputStream deep = new java.io.ByteArrayOutputStream();
        deep.write(new byte[] {(byte) 0x80, 2});
        deep.write("]".repeat(200_000).getBytes());
        deep.write("a".repeat(199_999).getBytes());
        deep.write('.');
        byte[] bigString = {(byte) 0x80, 2, 'X', (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F, 'a'};
        for (var c : java.util.Map.of("deep.pth", deep.toByteArray(), "big.pth", bigString).entrySet()) {
            Path file = tmp.resolve(c.getKey());
            try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(file))) {
                zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
                zip.write(c.getValue());
            }
            err.getBuffer().setLength(0);
            assertEquals(1, run("inspect", file.toString()));
            assertTrue(err.toString().startsWith("error: " + c.getKey() + ": refused to load"), err.toString());
        }
    }

    @Test
    void unknown_option_is_a_usage_error() {
        assertEquals(2, run("inspect", "--no-such-option", "x.pth"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }

    @Test
    void doctor_reports_missing_models_and_fails(@TempDir Path models) {
        assertEquals(1, run("doctor", "--models", models.toString()));
        String text = out.toString();
        assertTrue(text.contains("libtorch  2.3.1"), text);
        assertTrue(text.contains("SadTalker_V0.0.2_256.safetensors") && text.contains("MISSING"), text);
        assertTrue(text.contains("'./sadtalker models download' fetches them"), text);
    }

    @Test
    void models_check_names_each_file(@TempDir Path models) throws Exception {
        java.nio.file.Files.writeString(models.resolve("GFPGANv1.4.pth"), "<html>not found</html>");
        assertEquals(1, run("models", "check", "--models", models.toString()));
        String text = out.toString();
        assertTrue(text.contains("GFPGANv1.4.pth") && text.contains("INVALID: GFPGANv1.4.pth: not a checkpoint"), text);
        assertTrue(text.contains("parsing_parsenet.pth") && text.contains("MISSING (https://github.com/xinntao/facexlib/"), text);
    }

    @Test
    void models_download_refuses_unknown_names_as_usage_errors(@TempDir Path models) {
        assertEquals(2, run("models", "download", "--models", models.toString(), "GFPGANv9.pth"));
        assertTrue(err.toString().contains("unknown model file 'GFPGANv9.pth'"), err.toString());
    }

    @Test
    void models_download_from_a_mirror_reports_a_bad_file_and_leaves_nothing(@TempDir Path models) throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = "<html>404</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/weights";
            assertEquals(1, run("models", "download", "--models", models.toString(), "--base-url", base, "parsing_parsenet.pth"));
            assertTrue(err.toString().contains("parsing_parsenet.pth") && err.toString().contains("FAILED"), err.toString());
            try (var files = java.nio.file.Files.list(models)) {
                assertEquals(0, files.count());
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void generate_without_models_fails_naming_them(@TempDir Path tmp) {
        assertEquals(1, run("generate", "--audio", EXAMPLES.resolve("speech_en_16k.wav").toString(),
                "--image", EXAMPLES.resolve("happy.png").toString(), "--models", tmp.resolve("none").toString(),
                "--device", "cpu"));
        assertTrue(err.toString().contains("lacks 7 file(s)") && err.toString().contains("models download"), err.toString());
    }

    @Test
    void generate_with_old_version_or_size_512_names_the_files_of_that_run(@TempDir Path tmp) {
        String[] common = {"generate", "--audio", EXAMPLES.resolve("speech_en_16k.wav").toString(),
            "--image", EXAMPLES.resolve("happy.png").toString(), "--models", tmp.resolve("none").toString(), "--device", "cpu"};
        assertEquals(1, run(concat(common, "--old_version")));
        String legacy = err.toString();
        assertTrue(legacy.contains("lacks 10 file(s)"), legacy);
        for (String f : new String[] {"auido2exp_00300-model.pth", "auido2pose_00140-model.pth",
            "facevid2vid_00189-model.pth.tar", "epoch_20.pth", "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/epoch_20.pth"}) {
            assertTrue(legacy.contains(f), f + ": " + legacy);
        }
        assertTrue(!legacy.contains("SadTalker_V0.0.2_256.safetensors"), legacy);
        // the download hint names the files, since a plain download fetches the default run's
        assertTrue(legacy.contains("models download --models ") && legacy.contains(" epoch_20.pth mapping_00109-model.pth.tar"), legacy);
        err.getBuffer().setLength(0);
        assertEquals(1, run(concat(common, "--size", "512")));
        assertTrue(err.toString().contains("lacks 7 file(s)") && err.toString().contains("SadTalker_V0.0.2_512.safetensors")
                && !err.toString().contains("_256"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run(concat(common, "--size", "300")));
        assertEquals("--" + sadtalker.EngineOptions.sizeProblem(300), err.toString().lines().findFirst().orElse(""));
        assertTrue(err.toString().startsWith("--size must be 256 or 512"), err.toString());
    }

    @Test
    void models_check_old_version_lists_the_legacy_files(@TempDir Path models) {
        assertEquals(1, run("models", "check", "--models", models.toString(), "--old_version"));
        String text = out.toString();
        assertTrue(text.contains("facevid2vid_00189-model.pth.tar") && text.contains("MISSING (https://github.com/Winfredy/"), text);
        assertTrue(!text.contains("SadTalker_V0.0.2_256.safetensors"), text);
        out.getBuffer().setLength(0);
        assertEquals(1, run("models", "check", "--models", models.toString()));
        assertTrue(out.toString().contains("SadTalker_V0.0.2_256.safetensors") && !out.toString().contains("epoch_20"), out.toString());
        assertEquals(2, run("models", "check", "--models", models.toString(), "--size", "128"));
        assertTrue(err.toString().contains("--size must be 256 or 512"), err.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void generate_checks_the_inputs_before_loading_any_model(@TempDir Path tmp) {
        // The models directory is empty: reaching the models would exit 1 naming them.
        assertEquals(3, run("generate", "--audio", tmp.resolve("none.wav").toString(),
                "--image", EXAMPLES.resolve("happy.png").toString(), "--models", tmp.toString(), "--device", "cpu"));
        assertTrue(err.toString().contains("--audio " + tmp.resolve("none.wav") + ": no such file"), err.toString());
        assertTrue(!err.toString().contains("lacks"), err.toString());
    }

    @Test
    void generate_refuses_what_the_engine_refuses_with_its_message_before_loading_models(@TempDir Path tmp)
            throws Exception {
        // The models directory is empty: reaching the models would exit 1 naming them.
        sadtalker.InputCheck engine = sadtalker.InputCheck.defaults();
        Path happy = EXAMPLES.resolve("happy.png");
        Path speech = EXAMPLES.resolve("speech_en_16k.wav");
        for (var bad : sadtalker.testkit.BadInputs.audio(tmp.resolve("bad")).entrySet()) {
            err.getBuffer().setLength(0);
            assertEquals(3, run("generate", "--audio", bad.getValue().toString(), "--image", happy.toString(),
                    "--models", tmp.toString(), "--device", "cpu"), bad.getKey());
            String message = org.junit.jupiter.api.Assertions.assertThrows(sadtalker.InvalidInputException.class,
                    () -> engine.audio(bad.getValue())).getMessage();
            assertEquals("error: --audio " + message, err.toString().strip(), bad.getKey());
        }
        for (var bad : sadtalker.testkit.BadInputs.images(tmp.resolve("bad"), happy).entrySet()) {
            err.getBuffer().setLength(0);
            assertEquals(3, run("generate", "--audio", speech.toString(), "--image", bad.getValue().toString(),
                    "--models", tmp.toString(), "--device", "cpu"), bad.getKey());
            String message = org.junit.jupiter.api.Assertions.assertThrows(sadtalker.InvalidInputException.class,
                    () -> engine.image(bad.getValue())).getMessage();
            assertEquals("error: --image " + message, err.toString().strip(), bad.getKey());
        }
        assertTrue(err.toString().contains("PNG"), err.toString());
    }

    @Test
    void generate_usage_errors_exit_2() {
        assertEquals(2, run("generate", "--image", "b.png"));
        assertTrue(err.toString().contains("--audio"), err.toString());
        assertEquals(2, run("generate", "--audio", "a.wav", "--image", "b.png", "--mode", "wide"));
        assertTrue(err.toString().contains("--mode must be 'full' or 'crop'"), err.toString());
        assertEquals(2, run("generate", "--audio", "a.wav", "--image", "b.png", "--device", "tpu"));
        assertEquals(2, run("generate", "--audio", "a.wav", "--image", "b.png", "--face-threshold", "1.5"));
        assertTrue(err.toString().contains("face detection threshold must be in [0, 1)"), err.toString());
        assertEquals(2, run("generate", "--audio", "a.wav", "--image", "b.png", "--batch-size", "0"));
        assertTrue(err.toString().contains("--batch-size must be at least 1, got 0"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void help_lists_every_command_and_the_exit_codes() {
        assertEquals(0, run("--help"));
        for (String c : new String[] {"generate", "demo", "models", "doctor", "inspect"}) {
            assertTrue(out.toString().contains(c), c + " missing from: " + out);
        }
        assertEquals(0, run("generate", "--help"));
        assertTrue(out.toString().matches("(?s).*\\n\\s*3\\s+the audio or image cannot be used.*"), out.toString());
    }
}
