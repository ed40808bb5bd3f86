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
import org.junit.jupiter.api.io.TempDir;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * Runs every parity case of a directory through the Java port and prints one line per case:
 * stage, case, PASS / FAIL / NOT-IMPLEMENTED, worst error and allowed error, then
 * {@code parity: N passed, N failed, N skipped}.
 *
 * <p>The directory is {@code -Dsadtalker.parity.dir=DIR}, else env {@code SADTALKER_PARITY_DIR},
 * else {@code shared/parity/cases}; the end-to-end cases ({@code e2e.*} files) of
 * {@code shared/parity/e2e} run as well, through {@link E2eRunner} (the engine itself), with one
 * line per compared output; such a case passes when every output does. A failing case fails the
 * build; a stage without a runner is reported as skipped (an aborted test in the Surefire
 * report), never ignored.
 */
class ParityTest {
    private static final StageRegistry REGISTRY = StageRegistry.all();
    private static final List<String> PASSED = new ArrayList<>();
    private static final List<String> FAILED = new ArrayList<>();
    private static final Map<String, Integer> NOT_IMPLEMENTED = new TreeMap<>();
    private static final List<String> KNOWN_GAPS = new ArrayList<>();

    static Path casesDir() {
        String dir = System.getProperty("sadtalker.parity.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("SADTALKER_PARITY_DIR");
        }
        return dir == null || dir.isBlank() ? SharedData.dir().resolve("parity/cases") : Paths.get(dir);
    }

    @TempDir
    static Path e2eWork;

    /** Where the public end-to-end cases are (always searched, besides {@link #casesDir()}). */
    static Path e2eDir() {
        return SharedData.dir().resolve("parity/e2e");
    }

    @TestFactory
    Stream<DynamicTest> parity_cases() throws IOException {
        Path dir = casesDir();
        assertTrue(Files.isDirectory(dir), "parity case directory " + dir + " does not exist");
        List<Path> files = cases(dir, p -> true);
        assertTrue(!files.isEmpty(), "no *.safetensors parity cases in " + dir);
        System.out.println("parity: " + files.size() + " cases in " + dir.toAbsolutePath().normalize());
        List<Path> e2e = new ArrayList<>(cases(e2eDir(), ParityTest::isE2e));
        e2e.removeIf(f -> files.stream().anyMatch(g -> sameFile(f, g)));
        System.out.println("parity: " + e2e.size() + " end-to-end cases in " + e2eDir().toAbsolutePath().normalize());
        return Stream.concat(files.stream(), e2e.stream()).map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> {
                    if (isE2e(f)) {
                        runE2eCase(f);
                    } else {
                        runCase(f);
                    }
                }));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isE2e(Path file) {
        return file.getFileName().toString().startsWith("e2e.");
    }

    private static List<Path> cases(Path dir, java.util.function.Predicate<Path> which) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".safetensors")).filter(which).sorted().collect(Collectors.toList());
        }
    }

    /** One e2e case through the engine: a PARITY line per output, passed when all pass. */
    private static void runE2eCase(Path file) throws Exception {
        long start = System.nanoTime();
        String id = file.getFileName().toString().replaceFirst("\\.safetensors$", "");
        List<E2eCase.OutputCheck> checks = List.of();
        String failure = null;
        try (E2eCase c = E2eCase.open(file)) {
            id = c.stage() + "--" + c.name();
            checks = E2eRunner.run(c, Files.createTempDirectory(e2eWork, c.name()));
        } catch (Exception | AssertionError e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        checks.forEach(k -> System.out.println(k.line()));
        List<String> failed = new ArrayList<>(checks.stream().filter(k -> !k.passed() && !k.knownGap())
                .map(E2eCase.OutputCheck::line).toList());
        boolean gaps = checks.stream().anyMatch(E2eCase.OutputCheck::knownGap);
        if (failure != null) {
            System.out.println("PARITY " + id + " FAIL " + failure);
            failed.add(failure);
        }
        boolean ok = failed.isEmpty();
        System.out.printf("e2e: %s %s in %.1f s%n", id, !ok ? "failed" : gaps ? "not passed (known gap only)" : "passed",
                (System.nanoTime() - start) / 1e9);
        if (ok && gaps) {
            // not passed, and listed: counted with the failures in the closing line, the build goes on (KnownGaps)
            KNOWN_GAPS.add(id);
            FAILED.add(id);
            return;
        }
        (ok ? PASSED : FAILED).add(id);
        assertTrue(ok, id + ":\n" + String.join("\n", failed));
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
        E2eRunner.closeEngines();
        int skipped = NOT_IMPLEMENTED.values().stream().mapToInt(Integer::intValue).sum();
        if (!NOT_IMPLEMENTED.isEmpty()) {
            System.out.println("parity: stages without a Java runner yet (cases skipped): " + NOT_IMPLEMENTED);
        }
        if (!FAILED.isEmpty()) {
            System.out.println("parity: failed cases: " + FAILED);
        }
        String gaps = KNOWN_GAPS.isEmpty() ? ""
                : " (of the failed, " + KNOWN_GAPS.size() + " only by a listed known gap, which does not fail the build: " + KNOWN_GAPS + ")";
        System.out.println("parity: " + PASSED.size() + " passed, " + FAILED.size() + " failed, " + skipped + " skipped" + gaps);
    }
}
