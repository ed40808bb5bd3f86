package sadtalker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-way flow of the README's architecture table, checked on the compiled product classes
 * (so fully qualified uses count as much as imports): stage packages never use each other, the
 * floors ({@code checkpoint} → {@code nn} → {@code image}) use no stage and not the engine, and no
 * two packages (sub-packages counted separately) depend on each other in a cycle.
 */
class ArchitectureTest {
    static final List<String> STAGES = List.of("audio", "face", "coeff", "render", "enhance", "video");
    /** Bottom first: each floor may use only the floors before it. */
    static final List<String> FLOORS = List.of("checkpoint", "nn", "image");

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("sadtalker");

    @Test
    void theProductFollowsTheLayering() {
        assertTrue(PRODUCT.size() > 100, "the product classes were not found: " + PRODUCT.size());
        List<String> violations = violations(rules("sadtalker"), PRODUCT);
        assertEquals(List.of(), violations, "architecture rules broken");
    }

    /** The rules are not vacuous: a fixture with a stage-to-stage use, a floor using a stage and a cycle fails each. */
    @Test
    void theRulesCatchOffenders() {
        JavaClasses fixture = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("sadtalker.archfixture");
        List<String> violations = violations(rules("sadtalker.archfixture"), fixture);
        assertFalse(violations.isEmpty(), "no rule fired on the fixture");
        String all = String.join("\n", violations);
        assertTrue(all.contains("archfixture.coeff.UsesAudio") && all.contains("archfixture.audio.MelFrames"), all);
        assertTrue(all.contains("archfixture.nn.UsesStage"), all);
        assertTrue(all.contains("Cycle detected") && all.contains("archfixture.face.align"), all);
    }

    /** The rules for a product whose packages sit under {@code root}. */
    static List<ArchRule> rules(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (String stage : STAGES) {
            String[] others = Stream.concat(STAGES.stream().filter(s -> !s.equals(stage)).map(s -> root + "." + s + ".."),
                    Stream.of(root, root + ".model..")).toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "." + stage + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .because("stages never use each other, the engine or the model files; what they share lives in a floor"));
        }
        for (int i = 0; i < FLOORS.size(); i++) {
            String floor = FLOORS.get(i);
            String[] above = Stream.concat(Stream.concat(FLOORS.subList(i + 1, FLOORS.size()).stream(), STAGES.stream())
                            .map(s -> root + "." + s + ".."), Stream.of(root, root + ".model.."))
                    .toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "." + floor + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .allowEmptyShould(true)
                    .because("a floor uses only the floors below it, never a stage or the engine"));
        }
        // (**) names every package, sub-packages and the root included, as its own slice: face and face.align are two
        rules.add(slices().matching("(**)").should().beFreeOfCycles().allowEmptyShould(true));
        return rules;
    }

    private static List<String> violations(List<ArchRule> rules, JavaClasses classes) {
        List<String> out = new ArrayList<>();
        for (ArchRule rule : rules) {
            EvaluationResult r = rule.evaluate(classes);
            if (r.hasViolation()) {
                out.addAll(r.getFailureReport().getDetails());
            }
        }
        return out;
    }
}
