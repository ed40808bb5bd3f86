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
        assertEquals(SadTalkerServer.EXIT_REFUSED, run(new CudaGate(Torch::gpuCount)));
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
    void requests_before_the_models_are_loaded_get_503(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        var ready = new java.util.concurrent.atomic.AtomicBoolean(false);
        var queue = new JobQueue(JobQueue.dataSource(null, null, null, tmp), new DeferredGenerator(),
                new JobQueue.Settings(10, 1, 0, java.time.Duration.ofSeconds(5)));
        try {
            JavalinTest.test(Api.create(new RequestValidation(java.util.List.of(tmp)), queue, ready), (server, client) -> {
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
