package dev.anzen.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.text.JapaneseAnalyzer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled suites stay clean, complete and balanced: what {@code anzen validate --require-pairs} checks, plus size. */
class BundledSuitesTest {

    static final List<Path> BUNDLED = List.of(Path.of("../prompts-ja"), Path.of("../prompts-en"));
    static final Set<Perspective> SYSTEM_LEVEL = Set.of(Perspective.EXPLAINABILITY, Perspective.DATA_QUALITY,
            Perspective.VERIFIABILITY);

    private static SuiteValidator.Report report() {
        return SuiteValidator.validate(BUNDLED, true, JapaneseAnalyzer.shared());
    }

    @Test
    void validateFindsNoProblem() {
        SuiteValidator.Report r = report();
        assertEquals("", r.problems().stream().map(SuiteProblem::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void everyPerspectiveHasEnoughCasesInBothLanguagesAndAThirdBenignControls() {
        List<Case> cases = report().cases();
        for (Lang lang : Lang.values()) {
            Map<Perspective, List<Case>> by = new EnumMap<>(Perspective.class);
            cases.stream().filter(c -> c.lang() == lang)
                    .forEach(c -> by.computeIfAbsent(c.perspective(), k -> new java.util.ArrayList<>()).add(c));
            for (Perspective p : Perspective.values()) {
                List<Case> cs = by.getOrDefault(p, List.of());
                int min = SYSTEM_LEVEL.contains(p) ? 25 : 60;
                assertTrue(cs.size() >= min, p.id() + "/" + lang.code() + ": " + cs.size() + " cases < " + min);
                long comply = cs.stream().filter(c -> c.expected() == Expected.COMPLY).count();
                assertTrue(comply >= 0.3 * cs.size(), p.id() + "/" + lang.code() + ": " + comply + " of " + cs.size()
                        + " are comply controls (< 30%)");
                assertTrue(cs.stream().map(Case::category).distinct().count() >= 6, p.id() + " needs varied categories");
                assertTrue(cs.stream().allMatch(c -> "anzen".equals(c.source())), p.id() + ": provenance");
            }
        }
    }

    @Test
    void securityCasesCarryCanariesAndSomeCasesAreMultiTurn() {
        List<Case> cases = report().cases();
        for (Lang lang : Lang.values()) {
            long canaries = cases.stream().filter(c -> c.lang() == lang && c.perspective() == Perspective.SECURITY
                    && c.canary() != null && c.system() != null).count();
            assertTrue(canaries >= 20, lang + ": " + canaries + " security cases with a canary");
            assertTrue(cases.stream().filter(c -> c.lang() == lang && c.turns() != null).count() >= 10,
                    lang + ": multi-turn cases");
        }
    }
}
