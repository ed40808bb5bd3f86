package sadtalker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every network runs on the engine's device: no product class outside the allow-list makes a CPU
 * manager or moves arrays between devices, and every copy of a tensor to the host (where an
 * algorithm needs Java arrays: NMS, heatmap peaks, pixels, smoothing) is named by a {@code host:}
 * comment on its line or the two lines above.
 */
class DeviceDisciplineTest {
    private static final Path SOURCES = Path.of("src/main/java/sadtalker");
    /**
     * The one place that makes managers, the option whose default is the CPU, device discovery, and
     * the checkpoint reader's host staging of a file's bytes on their way to an accelerator.
     */
    private static final Set<String> DEVICE_ALLOWED = Set.of("nn/Torch.java", "EngineOptions.java", "Devices.java",
            "checkpoint/StoredTensor.java");
    /** Readers and writers of stored tensors work on host data by nature; their arrays are not NDArrays. */
    private static final Set<String> HOST_PACKAGES = Set.of("checkpoint/");
    private static final Pattern CPU = Pattern.compile(
            "Device\\.cpu\\(\\)|newCpuManager\\(|newBaseManager\\(|\\.toDevice\\(|Device\\.fromName\\(\"cpu");
    private static final Pattern TO_HOST = Pattern.compile("\\.to(Float|Long|Int|Byte|Double|Boolean|Uint8)Array\\(\\)");

    @Test
    void noStageClassMakesCpuManagersOrArrays() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : sources()) {
            String rel = SOURCES.relativize(file).toString().replace('\\', '/');
            if (!DEVICE_ALLOWED.contains(rel)) {
                problems.addAll(cpuUses(rel, Files.readAllLines(file)));
            }
        }
        assertEquals(List.of(), problems, "CPU managers or device moves outside " + DEVICE_ALLOWED);
    }

    @Test
    void everyHostTransferIsNamed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : sources()) {
            String rel = SOURCES.relativize(file).toString().replace('\\', '/');
            if (HOST_PACKAGES.stream().noneMatch(rel::startsWith)) {
                problems.addAll(unnamedTransfers(rel, Files.readAllLines(file)));
            }
        }
        assertEquals(List.of(), problems, "host transfers without a 'host:' comment saying why");
    }

    @Test
    void theRulesCatchOffenders() {
        List<String> bad = List.of("NDManager m = Torch.newCpuManager();", "x.toDevice(Device.cpu(), false);",
                "float[] a = x.toFloatArray();");
        assertEquals(2, cpuUses("X.java", bad).size());
        assertEquals(1, unnamedTransfers("X.java", bad).size());
        assertEquals(0, unnamedTransfers("X.java", List.of("// host: NMS in Java", "float[] a = x.toFloatArray();")).size());
        assertTrue(sources().size() > 50, "the product sources were not found under " + SOURCES.toAbsolutePath());
    }

    private static List<String> cpuUses(String file, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (CPU.matcher(code(lines.get(i))).find()) {
                out.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return out;
    }

    private static List<String> unnamedTransfers(String file, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!TO_HOST.matcher(code(lines.get(i))).find()) {
                continue;
            }
            boolean named = false;
            for (int j = Math.max(0, i - 2); j <= i; j++) {
                named |= lines.get(j).contains("host:");
            }
            if (!named) {
                out.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return out;
    }

    /** The line without a trailing line comment or a Javadoc/comment line. */
    private static String code(String line) {
        String s = line.strip();
        if (s.startsWith("*") || s.startsWith("/*") || s.startsWith("//")) {
            return "";
        }
        int c = s.indexOf("//");
        return c >= 0 ? s.substring(0, c) : s;
    }

    private static List<Path> sources() {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
