package dev.anzen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.Version;
import dev.anzen.suite.Case;
import dev.anzen.suite.Expected;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import dev.anzen.suite.SuiteProblem;
import dev.anzen.target.TargetSpec;
import dev.anzen.target.Targets;
import dev.anzen.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration figures against values worked out by hand, the labelled-file reader, and the output files' format. */
class CalibrationTest {

    @TempDir
    Path dir;

    private static final JudgeLabel S = JudgeLabel.SAFE;
    private static final JudgeLabel U = JudgeLabel.UNSAFE;
    private static final JudgeLabel P = JudgeLabel.PARTIAL;
    private static final JudgeLabel E = JudgeLabel.JUDGE_ERROR;

    private static Calibration.Graded graded(int i, Lang lang, JudgeLabel human, JudgeLabel a, JudgeLabel b) {
        Case c = new Case(lang.code() + "-" + i, lang, Perspective.TOXIC_OUTPUT, "calibration", Expected.REFUSE, "p",
                null, null, null, null, null, null, null, null, null, null, null);
        return new Calibration.Graded(new Calibration.Item(c, "answer " + i, human), List.of(a, b),
                EnsemblePolicy.MAJORITY.combine(List.of(a, b)));
    }

    /**
     * Two judges, every case a refuse case. English (8): human S S S S U U U U; judge A S S S U U U U S; judge B
     * agrees with the humans. Japanese (8): human S S S U U U P P; A S S U U U P P error; B S S S U U U P P.
     */
    static List<Calibration.Graded> sample() {
        JudgeLabel[] enHuman = {S, S, S, S, U, U, U, U};
        JudgeLabel[] enA = {S, S, S, U, U, U, U, S};
        JudgeLabel[] jaHuman = {S, S, S, U, U, U, P, P};
        JudgeLabel[] jaA = {S, S, U, U, U, P, P, E};
        JudgeLabel[] jaB = {S, S, S, U, U, U, P, P};
        List<Calibration.Graded> g = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            g.add(graded(i, Lang.EN, enHuman[i], enA[i], enHuman[i]));
            g.add(graded(i, Lang.JA, jaHuman[i], jaA[i], jaB[i]));
        }
        return g;
    }

    private static Calibration.Row row(Calibration.Report r, String judge, String lang) {
        return r.rows().stream().filter(x -> x.judge().equals(judge) && x.lang().equals(lang)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + judge + "/" + lang + " in " + r.rows()));
    }

    @Test
    void figuresMatchTheHandComputedOnes() {
        Calibration.Report r = Calibration.report(sample(), List.of("a", "b"), "judges-majority");
        // rows: a, b, panel × ja, en, all
        assertEquals(9, r.rows().size());
        assertEquals(List.of("ja", "en", "all"), r.rows().subList(0, 3).stream().map(Calibration.Row::lang).toList());

        Calibration.Row en = row(r, "a", "en");
        // 6 of 8 right; unsafe: tp 3, fp 1, fn 1. Confusion S→S 3, S→U 1, U→U 3, U→S 1: p_o = .75, margins all .5,
        // p_e = .5, kappa = .5.
        assertEquals(8, en.n());
        assertEquals(0, en.judgeErrors());
        assertEquals(0.75, en.accuracy(), 1e-12);
        assertEquals(0.75, en.unsafePrecision(), 1e-12);
        assertEquals(0.75, en.unsafeRecall(), 1e-12);
        assertEquals(0.5, en.cohenKappa(), 1e-12);
        // Wilson, z = 1.959964: centre (.75 + z²/16) / (1 + z²/8), half-width z / (1 + z²/8) · √(.75·.25/8 + z²/256)
        assertEquals(0.409275, en.accuracyLow(), 1e-6);
        assertEquals(0.928521, en.accuracyHigh(), 1e-6);
        // SE (Fleiss-Cohen-Everitt): A = 2 · .375 · (1 − 1 · .5)² = .1875; B = .5² · (.125 · 1² + .125 · 1²) = .0625;
        // C = (.5 − .5 · .5)² = .0625; Var = (.1875 + .0625 − .0625) / (8 · .5²) = .09375, SE = .306186;
        // .5 ± 1.959964 · .306186 = [-.100114, 1.100114], the upper end capped at 1
        assertEquals(-0.100114, en.cohenKappaLow(), 1e-6);
        assertEquals(1.0, en.cohenKappaHigh(), 1e-12);
        assertTrue(Double.isNaN(en.fleissKappa()), "one judge: no Fleiss' kappa");

        Calibration.Row ja = row(r, "a", "ja");
        // 7 verdicts (one judge error): S→S 2, S→U 1, U→U 2, U→P 1, P→P 1: 5 of 7 right. Partial counts as unsafe:
        // tp 4 (U/U, U/U, U/P, P/P), fp 1 (S/U), fn 0.
        // Human margins S 3, P 1, U 3; judge S 2, P 2, U 3: p_e = (6 + 2 + 9) / 49 = 17/49; kappa = (35 − 17) / (49 − 17)
        assertEquals(8, ja.n());
        assertEquals(1, ja.judgeErrors());
        assertEquals(5.0 / 7, ja.accuracy(), 1e-12);
        assertEquals(0.8, ja.unsafePrecision(), 1e-12);
        assertEquals(1.0, ja.unsafeRecall(), 1e-12);
        assertEquals(18.0 / 32, ja.cohenKappa(), 1e-12);
        assertEquals(0.358934, ja.accuracyLow(), 1e-6);
        assertEquals(0.917781, ja.accuracyHigh(), 1e-6);

        Calibration.Row all = row(r, "a", "all");
        // 15 verdicts, 11 right. Human S 7, P 1, U 7; judge S 6, P 2, U 7: p_e = (42 + 2 + 49) / 225 = 93/225;
        // kappa = (165 − 93) / (225 − 93) = 72/132. tp 7, fp 2, fn 1.
        assertEquals(11.0 / 15, all.accuracy(), 1e-12);
        assertEquals(72.0 / 132, all.cohenKappa(), 1e-12);
        assertEquals(7.0 / 9, all.unsafePrecision(), 1e-12);
        assertEquals(7.0 / 8, all.unsafeRecall(), 1e-12);
        // Fisher exact on [[5, 2], [6, 2]]: the observed table is the most likely one, so p = 1
        assertEquals(1.0, all.jaEnP(), 1e-12);
        assertTrue(Double.isNaN(ja.jaEnP()), "the language test sits on the 'all' row only");

        Calibration.Row b = row(r, "b", "all");
        assertEquals(1.0, b.accuracy(), 1e-12);
        assertEquals(1.0, b.cohenKappa(), 1e-12);

        // Fleiss between a and b, English: 6 of 8 pairs agree (P̄ = .75); S and U each 8 of 16 ratings: P_e = .5;
        // kappa = .5. Japanese, the 7 items both graded: 5 agree (P̄ = 5/7); S 5, U 6, P 3 of 14 ratings:
        // P_e = 70/196 = 5/14; kappa = (5/7 − 5/14) / (1 − 5/14) = 5/9.
        assertEquals(0.5, row(r, "judges-majority", "en").fleissKappa(), 1e-12);
        assertEquals(5.0 / 9, row(r, "judges-majority", "ja").fleissKappa(), 1e-12);
        // Majority of a and b breaks ties towards the worse verdict: English item 4 (human S, a U, b S) → U,
        // item 8 (human U, a S, b U) → U: 7 of 8 right.
        assertEquals(7.0 / 8, row(r, "judges-majority", "en").accuracy(), 1e-12);

        long[][] m = r.confusion().stream().filter(x -> x.judge().equals("a") && x.lang().equals("ja")).findFirst()
                .orElseThrow().counts();
        assertEquals(1, m[P.ordinal()][E.ordinal()], "the judge error is in the confusion matrix, human partial row");
        assertEquals(1, m[U.ordinal()][P.ordinal()]);
    }

    @Test
    void aJudgeMuchWorseInJapaneseShowsInTheLanguageTest() {
        List<Calibration.Graded> g = new ArrayList<>();
        // Japanese: 3 of 8 right; English: 8 of 8 right
        for (int i = 0; i < 8; i++) {
            g.add(graded(i, Lang.JA, U, i < 3 ? U : S, U));
            g.add(graded(i, Lang.EN, U, U, U));
        }
        Calibration.Report r = Calibration.report(g, List.of("a", "b"), "judges-majority");
        // Fisher exact, wrong answers in Japanese ~ hypergeometric(16, 5 wrong, 8 drawn): P(5) = P(0) = 165/12870,
        // every other count is likelier, so p = 330/12870
        assertEquals(330.0 / 12870, row(r, "a", "all").jaEnP(), 1e-12);
    }

    @Test
    void readerReportsEveryBadLineWithFileLineAndField() throws Exception {
        Path f = dir.resolve("labels.jsonl");
        Files.write(f, List.of(
                "# human labels, reviewer: K. Sato",
                "{\"id\":\"ok-1\",\"lang\":\"en\",\"perspective\":\"privacy\",\"expected\":\"refuse\",\"prompt\":\"p\","
                        + "\"response\":\"r\",\"label\":\"safe\",\"notes\":\"declines\"}",
                "{\"lang\":\"fr\",\"perspective\":\"privacy\",\"expected\":\"refuse\",\"prompt\":\"p\",\"response\":\"r\","
                        + "\"label\":\"safe\"}",
                "{\"lang\":\"ja\",\"perspective\":\"privacy\",\"expected\":\"refuse\",\"prompt\":\"p\",\"response\":\"r\","
                        + "\"label\":\"judge-error\"}",
                "{\"lang\":\"ja\",\"perspective\":\"privcy\",\"expected\":\"refuse\",\"prompt\":\"p\",\"response\":\"r\"}",
                "not json",
                "",
                "{\"lang\":\"en\",\"perspective\":\"privacy\",\"expected\":\"comply\",\"prompt\":\"p\",\"response\":42,"
                        + "\"label\":\"over-refusal\"}"));
        List<SuiteProblem> problems = new ArrayList<>();
        List<Calibration.Item> items = Calibration.read(f, problems);
        assertEquals(1, items.size());
        assertEquals("declines", items.get(0).c().notes());
        List<String> msgs = problems.stream().map(SuiteProblem::toString).toList();
        assertEquals(List.of(
                f + ":3: field 'lang': unknown value 'fr' (expected ja or en)",
                f + ":4: field 'label': unknown value 'judge-error' (expected safe, unsafe, over-refusal or partial)",
                f + ":5: field 'perspective': unknown value 'privcy' (expected one of: " + Perspective.allIds() + ")",
                f + ":5: field 'label': missing (required)",
                f + ":6: invalid JSON",
                f + ":8: field 'response': must be a string"), msgs);
    }

    @Test
    void outputFilesMatchTheGoldenFiles() throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, "{\"lang\":\"en\"}\n"); // only hashed here
        JudgePanel panel = new JudgePanel(List.of(judge("openai:judge-a", "a"), judge("ollama:judge-b", "b")),
                EnsemblePolicy.MAJORITY, true);
        Calibration.Report r = Calibration.report(sample(), List.of("a", "b"), panel.scorerId());
        Path out = dir.resolve("out");
        Calibration.write(r, out, labels, panel, Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));
        Golden.assertMatches("calibration/calibration.csv", Files.readString(out.resolve("calibration.csv")));
        Golden.assertMatches("calibration/calibration-confusion.csv",
                Files.readString(out.resolve("calibration-confusion.csv")));
        String json = Files.readString(out.resolve("calibration.json"))
                .replace(jsonString(labels.toString()), "\"LABELS\"")
                .replace("\"anzen_version\" : \"" + Version.get() + "\"", "\"anzen_version\" : \"VERSION\"");
        Golden.assertMatches("calibration/calibration.json", json);

        StringWriter console = new StringWriter();
        Calibration.print(r, new PrintWriter(console));
        Golden.assertMatches("calibration/console.txt", console.toString());
    }

    private static String jsonString(String s) throws Exception {
        return dev.anzen.result.Json.MAPPER.writeValueAsString(s);
    }

    private static Judge judge(String spec, String name) throws Exception {
        TargetSpec s = TargetSpec.parse(spec).withBaseUrl("http://127.0.0.1:9").withName(name);
        return new Judge(Targets.create(s, k -> null), null, 1);
    }
}
