package sadtalker.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * Runs every parity case of a directory through the Java port and prints one line per case:
 * stage, case, PASS / FAIL / NOT-IMPLEMENTED, worst error and allowed error, then
 * {@code parity: N passed, N failed, N skipped}.
 *
 * <p>The directory is {@code -Dsadtalker.parity.dir=DIR}, else env {@code SADTALKER_PARITY_DIR},
 * else {@code shared/parity/cases}. A failing case fails the build; a stage without a runner is
 * reported as skipped (an aborted test in the Surefire report), never ignored.
 */
class ParityTest {
    private static final StageRegistry REGISTRY = StageRegistry.all();
    private static final List<String> PASSED = new ArrayList<>();
    private static final List<String> FAILED = new ArrayList<>();
    private static final Map<String, Integer> NOT_IMPLEMENTED = new TreeMap<>();

    static Path casesDir() {
        String dir = System.getProperty("sadtalker.parity.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("SADTALKER_PARITY_DIR");
        }
        return dir == null || dir.isBlank() ? SharedData.dir().resolve("parity/cases") : Paths.get(dir);
    }

    @TestFactory
    Stream<DynamicTest> parity_cases() throws IOException {
        Path dir = casesDir();
        assertTrue(Files.isDirectory(dir), "parity case directory " + dir + " does not exist");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".safetensors")).sorted().collect(Collectors.toList());
        }
        assertTrue(!files.isEmpty(), "no *.safetensors parity cases in " + dir);
        System.out.println("parity: " + files.size() + " cases in " + dir.toAbsolutePath().normalize());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runCase(f)));
    }

    private static void runCase(Path file) throws Exception {
        try (ParityCase c = ParityCase.open(file); NDManager manager = Torch.newCpuManager()) {
            String label = String.format("%-40s %-40s", c.stage(), c.name());
            StageRunner runner = REGISTRY.get(c.stage());
            if (runner == null) {
                NOT_IMPLEMENTED.merge(c.stage(), 1, Integer::sum);
                System.out.println("PARITY " + label + " NOT-IMPLEMENTED");
                Assumptions.abort("NOT-IMPLEMENTED: no Java runner for stage " + c.stage());
            }
            List<Comparison> results = new ArrayList<>();
            String failure = null;
            try {
                Map<String, NDArray> outputs = runner.run(c, manager);
                for (String name : c.outputs()) {
                    NDArray actual = outputs.get(name);
                    if (actual == null) {
                        failure = "runner returned no output '" + name + "'";
                        break;
                    }
                    float[] values = actual.toType(DataType.FLOAT32, false).toFloatArray();
                    results.add(Comparison.of(name, values, actual.getShape().getShape(),
                            c.expected(name).toFloatArray(), c.expected(name).shape(), c.atol(), c.rtol()));
                }
            } catch (Exception | AssertionError e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            Comparison worst = results.stream()
                    .max((a, b) -> Double.compare(a.worst() / Math.max(a.allowed(), 1e-30),
                            b.worst() / Math.max(b.allowed(), 1e-30)))
                    .orElse(null);
            boolean ok = failure == null && results.stream().allMatch(Comparison::passed);
            String detail = failure != null ? failure
                    : String.format("worst %.2e allowed %.2e (%s)", worst.worst(), worst.allowed(), worst.where());
            System.out.println("PARITY " + label + (ok ? " PASS " : " FAIL ") + detail);
            (ok ? PASSED : FAILED).add(c.stage() + "--" + c.name());
            assertTrue(ok, c.stage() + "--" + c.name() + ": " + detail);
        }
    }

    @AfterAll
    static void summary() {
        int skipped = NOT_IMPLEMENTED.values().stream().mapToInt(Integer::intValue).sum();
        if (!NOT_IMPLEMENTED.isEmpty()) {
            System.out.println("parity: stages without a Java runner yet (cases skipped): " + NOT_IMPLEMENTED);
        }
        if (!FAILED.isEmpty()) {
            System.out.println("parity: failed cases: " + FAILED);
        }
        System.out.println("parity: " + PASSED.size() + " passed, " + FAILED.size() + " failed, " + skipped + " skipped");
    }
}
