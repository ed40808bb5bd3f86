package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.testtools.JavalinTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sadtalker.nn.Torch;

class StartupTest {

    private final StringWriter err = new StringWriter();

    private int run(CudaGate gate, String... args) {
        CommandLine cli = SadTalkerServer.commandLine(gate, config -> {
            throw new AssertionError("the engine must not load");
        });
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void refuses_to_start_without_cuda() {
        // The test build carries CPU libtorch: the real gate sees no GPU.
        assertEquals(0, Torch.gpuCount());
        assertEquals(SadTalkerServer.EXIT_REFUSED, run(new CudaGate(Torch::gpuCount), "--input-root",
                System.getProperty("java.io.tmpdir")));
        assertTrue(err.toString().contains("CUDA is not available"), err.toString());
    }

    @Test
    void allow_cpu_lifts_the_gate_and_a_gpu_passes_it() {
        assertNull(new CudaGate(() -> 0).refusal(true));
        assertNull(new CudaGate(() -> 1).refusal(false));
    }

    @Test
    void unknown_arguments_are_usage_errors() {
        assertEquals(2, run(new CudaGate(() -> 1), "--prot", "1"));
        assertTrue(err.toString().contains("'--prot'") && err.toString().contains("Unknown option"), err.toString());
    }

    @Test
    void impossible_flags_exit_2_naming_the_flag_before_anything_loads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        String root = tmp.toString();
        String[][] cases = {
            {"--workers", "0"}, {"--max-queued", "-1"}, {"--max-queued", "0"}, {"--retries", "-1"}, {"--port", "99999"},
            {"--batch-size", "0"}, {"--poll-seconds", "1"}, {"--shutdown-grace", "-1"}, {"--output-mode", "999"},
            {"--face-threshold", "1.5"}, {"--keep-days", "-1"}, {"--webhook-deny", "10.0.0.0/99"},
            {"--webhook-allow", "bad_host!"}, {"--size", "300"},
        };
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(new CudaGate(() -> 1), c[0], c[1], "--input-root", root), String.join(" ", c));
            assertTrue(err.toString().startsWith(c[0] + " must"), String.join(" ", c) + ": " + err);
            assertTrue(!err.toString().contains("Exception"), err.toString());
        }
        err.getBuffer().setLength(0);
        assertEquals(2, run(new CudaGate(() -> 1), "--input-root", tmp.resolve("missing").toString()));
        assertTrue(err.toString().contains("--input-root " + tmp.resolve("missing") + " is not a directory"), err.toString());
    }

    @Test
    void size_and_old_version_are_start_up_settings_with_the_engine_s_message(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        ServerConfig config = new ServerConfig();
        new picocli.CommandLine(config).parseArgs("--size", "512", "--old-version", "--input-root", tmp.toString());
        assertEquals(512, config.size);
        assertTrue(config.oldVersion);
        assertNull(config.problem());
        ServerConfig defaults = new ServerConfig();
        new picocli.CommandLine(defaults).parseArgs("--input-root", tmp.toString());
        assertEquals(256, defaults.size);
        assertTrue(!defaults.oldVersion);
        config.size = 300;
        assertEquals("--size must be 256 or 512 (the SadTalker_V0.0.2_<size>.safetensors checkpoints), got 300",
                config.problem());
    }

    @Test
    void requests_before_the_models_are_loaded_get_503(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        var ready = new java.util.concurrent.atomic.AtomicBoolean(false);
        var queue = new JobQueue(JobQueue.dataSource(null, null, null, tmp), new DeferredGenerator(),
                new JobQueue.Settings(10, 1, 0, java.time.Duration.ofSeconds(5)),
                new GenerateJobHandler.Publication(new InputRoots(java.util.List.of(tmp)), tmp.resolve("out"),
                        tmp.resolve("work"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
        try {
            JavalinTest.test(Api.create(new RequestValidation(new InputRoots(java.util.List.of(tmp))), queue, ready), (server, client) -> {
                assertEquals(200, client.get("/health").code());
                assertEquals(503, client.get("/ready").code());
                var r = client.post("/generate", "{}");
                assertEquals(503, r.code());
                assertTrue(r.body().string().contains("models are still loading"));
            });
        } finally {
            queue.close();
        }
    }
}
