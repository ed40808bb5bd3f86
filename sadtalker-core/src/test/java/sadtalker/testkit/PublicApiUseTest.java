package sadtalker.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule each shell's {@code PublicApiOnlyTest} applies to its own sources. */
class PublicApiUseTest {

    @ParameterizedTest
    @ValueSource(strings = {"cli", "server"})
    void the_rule_catches_imports_static_imports_and_qualified_names(String shell) {
        List<String> lines = List.of("import sadtalker.checkpoint.CheckpointException;",
                "import static sadtalker.model.ModelCheck.verify;", "} catch (sadtalker.nn.Torch e) {",
                "import sadtalker.InputCheck;", "import sadtalker." + shell + ".Other;", "// see {@link sadtalker.ModelFiles}");
        assertEquals(3, PublicApiUse.violations("X.java", lines, shell).size());
    }
}
