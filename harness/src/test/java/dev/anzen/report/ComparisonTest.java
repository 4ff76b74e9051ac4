package dev.anzen.report;

import static dev.anzen.testing.RunDirs.score;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.result.ScoreRecord;
import dev.anzen.testing.Golden;
import dev.anzen.testing.RunDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paired run comparison: which rows are compared, the McNemar p-values, the regression rule, JUnit XML. */
class ComparisonTest {

    @TempDir
    Path dir;

    private static final Comparison.Settings DEFAULT = new Comparison.Settings(0.05, 0, Comparison.Adjust.NONE);

    /** 40 English privacy refusals (the first {@code unsafe} answered unsafely) and 10 benign controls. */
    static List<ScoreRecord> run(String target, int unsafe, int overRefused) {
        List<ScoreRecord> r = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            r.add(score(target, "en-privacy-%03d".formatted(i), "en", "privacy", "refuse", null,
                    i < unsafe ? "unsafe" : "safe"));
        }
        for (int i = 0; i < 10; i++) {
            r.add(score(target, "en-privacy-c%02d".formatted(i), "en", "privacy", "comply", null,
                    i < overRefused ? "over-refusal" : "answered"));
        }
        return r;
    }

    private Comparison compare(List<ScoreRecord> base, List<ScoreRecord> now, Comparison.Settings s) throws Exception {
        RunDirs.write(dir.resolve("base"), "base", base, null);
        RunDirs.write(dir.resolve("new"), "new", now, null);
        return Comparison.of(dir.resolve("base"), dir.resolve("new"), s);
    }

    private static Comparison.Row row(Comparison c, String perspective, String lang, Comparison.Metric m) {
        return c.rows().stream().filter(r -> r.perspective().equals(perspective) && r.lang().equals(lang)
                && r.metric() == m).findFirst().orElseThrow();
    }

    @Test
    void aSignificantDropInSafeRateIsARegression() throws Exception {
        Comparison c = compare(run("m", 0, 0), run("m", 12, 0), DEFAULT);
        Comparison.Row all = row(c, "all", "all", Comparison.Metric.SAFE_RATE);
        assertEquals(40, all.paired().n());
        assertEquals(1.0, all.base());
        assertEquals(0.7, all.current(), 1e-12);
        assertEquals(-0.3, all.delta(), 1e-12);
        assertEquals(12, all.worsened());
        assertEquals(0, all.improved());
        assertEquals(2.0 / 4096, all.p(), 1e-15); // 12 vs 0 discordant: 2 · (½)^12
        assertTrue(all.regression());
        assertTrue(row(c, "privacy", "en", Comparison.Metric.SAFE_RATE).regression());
        assertFalse(row(c, "all", "all", Comparison.Metric.OVER_REFUSAL_RATE).regression());
        assertEquals(50, c.shared());
        assertTrue(c.anyRegression());
    }

    @Test
    void noiseIsNotARegression() throws Exception {
        List<ScoreRecord> base = run("m", 3, 1);
        List<ScoreRecord> now = run("m", 3, 1);
        // two answers got worse, one got better: 2 vs 1 discordant, p = 1
        now.set(3, score("m", "en-privacy-003", "en", "privacy", "refuse", null, "unsafe"));
        now.set(4, score("m", "en-privacy-004", "en", "privacy", "refuse", null, "unsafe"));
        now.set(0, score("m", "en-privacy-000", "en", "privacy", "refuse", null, "safe"));
        Comparison c = compare(base, now, DEFAULT);
        Comparison.Row all = row(c, "all", "all", Comparison.Metric.SAFE_RATE);
        assertEquals(2, all.worsened());
        assertEquals(1, all.improved());
        assertEquals(1.0, all.p(), 1e-12);
        assertFalse(c.anyRegression());
    }

    @Test
    void moreOverRefusalIsARegressionAndMinDeltaCanOverruleIt() throws Exception {
        Comparison c = compare(run("m", 0, 0), run("m", 0, 8), DEFAULT);
        Comparison.Row over = row(c, "all", "all", Comparison.Metric.OVER_REFUSAL_RATE);
        assertEquals(0.8, over.delta(), 1e-12);
        assertEquals(2.0 / 256, over.p(), 1e-15);
        assertTrue(over.regression());
        Comparison relaxed = Comparison.of(dir.resolve("base"), dir.resolve("new"),
                new Comparison.Settings(0.05, 0.9, Comparison.Adjust.NONE));
        assertFalse(relaxed.anyRegression(), "a change smaller than --min-delta is not a regression");
        Comparison strict = Comparison.of(dir.resolve("base"), dir.resolve("new"),
                new Comparison.Settings(0.005, 0, Comparison.Adjust.NONE));
        assertFalse(strict.anyRegression(), "p = 0.0078 is not below alpha 0.005");
    }

    @Test
    void anImprovementIsNeverARegression() throws Exception {
        Comparison c = compare(run("m", 12, 8), run("m", 0, 0), DEFAULT);
        assertTrue(row(c, "all", "all", Comparison.Metric.SAFE_RATE).p() < 0.001);
        assertFalse(c.anyRegression());
    }

    @Test
    void errorsAndUnsharedCasesAreLeftOut() throws Exception {
        List<ScoreRecord> base = run("m", 0, 0);
        List<ScoreRecord> now = new ArrayList<>(run("m", 0, 0).subList(0, 45));
        now.set(0, score("m", "en-privacy-000", "en", "privacy", "refuse", null, "error"));
        now.add(score("other", "en-privacy-000", "en", "privacy", "refuse", null, "unsafe"));
        Comparison c = compare(base, now, DEFAULT);
        assertEquals(44, c.shared());
        assertEquals(1, c.errors());
        assertEquals(5, c.onlyInBase());
        assertEquals(1, c.onlyInNew());
        assertTrue(c.rows().stream().noneMatch(r -> r.target().equals("other")));
    }

    @Test
    void attackedVariantsAreComparedAsAttackSuccess() throws Exception {
        List<ScoreRecord> base = new ArrayList<>();
        List<ScoreRecord> now = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "ja-security-%03d~romaji".formatted(i);
            base.add(score("m", id, "ja", "security", "refuse", null, "safe"));
            now.add(score("m", id, "ja", "security", "refuse", null, i < 8 ? "unsafe" : "safe"));
        }
        Comparison c = compare(base, now, DEFAULT);
        Comparison.Row asr = row(c, "security", "ja", Comparison.Metric.ASR);
        assertEquals(0.8, asr.delta(), 1e-12);
        assertTrue(asr.regression());
        assertTrue(c.rows().stream().noneMatch(r -> r.metric() == Comparison.Metric.SAFE_RATE),
                "attacked variants do not count towards safe_rate");
    }

    @Test
    void holmAdjustsStepDown() {
        // sorted 0.01·4 = 0.04, 0.03·3 = 0.09, 0.04·2 = 0.08 → 0.09 (monotone), 0.20·1
        assertArrayEquals(new double[]{0.04, 0.09, 0.09, 0.20}, Comparison.holm(new double[]{0.01, 0.04, 0.03, 0.20}),
                1e-12);
        assertArrayEquals(new double[]{1.0, 1.0}, Comparison.holm(new double[]{0.6, 0.9}), 1e-12);
    }

    @Test
    void holmCanTurnABorderlineRegressionIntoNoise() throws Exception {
        // 5 vs 0 discordant on its own: p = 0.0625; 6 vs 0: p = 0.03125, but Holm over every row multiplies it
        Comparison c = compare(run("m", 0, 0), run("m", 6, 0), DEFAULT);
        assertTrue(c.anyRegression());
        Comparison holm = Comparison.of(dir.resolve("base"), dir.resolve("new"),
                new Comparison.Settings(0.05, 0, Comparison.Adjust.HOLM));
        assertFalse(holm.anyRegression());
    }

    @Test
    void settingsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Settings(0, 0, Comparison.Adjust.NONE));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Settings(1.5, 0, Comparison.Adjust.NONE));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Settings(0.05, -0.1, Comparison.Adjust.NONE));
    }

    @Test
    void junitXmlMatchesItsGoldenFile() throws Exception {
        List<ScoreRecord> base = run("m<&>\u0001", 0, 0);
        List<ScoreRecord> now = run("m<&>\u0001", 12, 0);
        Comparison c = compare(base, now, DEFAULT);
        Path xml = dir.resolve("out/compare.xml");
        JunitXml.write(c, "runs/base", "runs/new", xml);
        String text = Files.readString(xml);
        Golden.assertMatches("compare/junit.xml", text);
        // well-formed even with a control character and markup in the target name
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertTrue(text.contains("tests=\"6\" failures=\"3\""), text); // all, en and privacy-en rows regressed
    }
}
