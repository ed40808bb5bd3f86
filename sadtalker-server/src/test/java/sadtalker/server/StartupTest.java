package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import sadtalker.nn.Torch;

class StartupTest {

    @Test
    void refuses_to_start_without_cuda() {
        // The test build carries CPU libtorch: the real gate sees no GPU.
        assertEquals(0, Torch.gpuCount());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SadTalkerServer.run(new String[0], new CudaGate(Torch::gpuCount),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(SadTalkerServer.EXIT_REFUSED, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("CUDA is not available"), err.toString());
    }

    @Test
    void allow_cpu_lifts_the_gate_and_a_gpu_passes_it() {
        assertNull(new CudaGate(() -> 0).refusal(true));
        assertNull(new CudaGate(() -> 1).refusal(false));
    }

    @Test
    void unknown_arguments_are_usage_errors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SadTalkerServer.run(new String[] {"--prot", "1"}, new CudaGate(() -> 1),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--prot'"));
    }

    @Test
    void health_answers_live() {
        JavalinTest.test(SadTalkerServer.create(), (server, client) -> {
            var response = client.get("/health");
            assertEquals(200, response.code());
            assertTrue(response.body().string().contains("live"));
        });
    }
}
