package sadtalker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import sadtalker.testkit.PublicApiUse;

/**
 * The cli uses only the public API (package {@code sadtalker}: the engine, its options, InputCheck,
 * ModelFiles, Devices, the exceptions), never the engine's internals (checkpoint readers, nn, stages).
 */
class PublicApiOnlyTest {
    @Test
    void the_cli_reaches_no_internal_package() throws Exception {
        assertEquals(List.of(), PublicApiUse.violations(Path.of("src/main/java"), "cli"));
    }
}
