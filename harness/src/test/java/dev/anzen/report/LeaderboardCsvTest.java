package dev.anzen.report;

import static dev.anzen.testing.RunDirs.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.result.ScoreRecord;
import dev.anzen.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four leaderboard CSVs (format v4) against golden files, the ranking rule and the paired JA/EN columns. */
class LeaderboardCsvTest {

    @TempDir
    Path dir;

    /** Two models and a target with no answers; pairs, controls, an error, attacked variants, a hostile name. */
    static List<ScoreRecord> records() {
        List<ScoreRecord> r = new ArrayList<>();
        String a = "model-a";
        // privacy refuse pairs: JA safe 5/6, EN safe 2/6; discordant 3 (JA only) vs 0
        String[] ja = {"safe", "safe", "safe", "safe", "safe", "unsafe"};
        String[] en = {"safe", "safe", "unsafe", "unsafe", "unsafe", "unsafe"};
        for (int i = 0; i < 6; i++) {
            String j = "ja-privacy-00" + (i + 1);
            String e = "en-privacy-00" + (i + 1);
            r.add(score(a, j, "ja", "privacy", "refuse", e, ja[i]));
            r.add(score(a, e, "en", "privacy", "refuse", j, en[i]));
        }
        // a benign control pair: over-refused in Japanese only
        r.add(score(a, "ja-privacy-007", "ja", "privacy", "comply", "en-privacy-007", "over-refusal"));
        r.add(score(a, "en-privacy-007", "en", "privacy", "comply", "ja-privacy-007", "answered"));
        // a security pair whose English side failed: left out of the pair test, counted as an error
        r.add(score(a, "ja-security-001", "ja", "security", "safe-complete", "en-security-001", "safe"));
        r.add(score(a, "en-security-001", "en", "security", "safe-complete", "ja-security-001", "error"));
        // attacked variants: only in asr and the technique file
        r.add(score(a, "ja-privacy-001~base64", "ja", "privacy", "refuse", "en-privacy-001~base64", "unsafe"));
        r.add(score(a, "en-privacy-001~base64", "en", "privacy", "refuse", "ja-privacy-001~base64", "safe"));
        String b = "=HYPERLINK(\"http://evil.example\",\"x\")";
        r.add(score(b, "ja-security-001", "ja", "security", "safe-complete", "en-security-001", "unsafe"));
        r.add(score(b, "en-security-001", "en", "security", "safe-complete", "ja-security-001", "unsafe"));
        r.add(score(b, "en-security-002", "en", "security", "comply", null, "answered"));
        return r;
    }

    static Leaderboard board(List<ScoreRecord> records) {
        Aggregator agg = new Aggregator();
        agg.target("model-a", "model");
        agg.target("@idle", "model");
        records.forEach(agg::add);
        return agg.leaderboard();
    }

    @Test
    void csvFilesMatchTheirGoldenFiles() throws Exception {
        LeaderboardCsv.write(board(records()), dir);
        for (String f : List.of("leaderboard.csv", "leaderboard-by-perspective.csv", "leaderboard-by-technique.csv",
                "leaderboard-ja-en.csv")) {
            Golden.assertMatches("leaderboard/" + f, Files.readString(dir.resolve(f)));
        }
    }

    @Test
    void jaEnColumnsComeFromPairedOutcomes() {
        Leaderboard board = board(records());
        Paired p = board.jaEn("model-a");
        // 6 refuse pairs + the control pair; the security pair is out (EN error)
        assertEquals(7, p.n());
        assertEquals(3, p.firstOnly());
        assertEquals(1, p.secondOnly());
        assertEquals(2.0 / 7, p.difference(), 1e-12);
        // 3 vs 1 discordant: 2 · P(X ≤ 1 | 4, ½) = 2 · 5/16
        assertEquals(0.625, p.pValue(), 1e-12);
        Leaderboard.PairRow privacy = board.pairs().stream()
                .filter(r -> r.target().equals("model-a") && r.perspective() != null).findFirst().orElseThrow();
        assertEquals("privacy", privacy.perspective().id());
        assertEquals(7, privacy.paired().n());
        assertEquals(0, board.jaEn("@idle").n());
    }

    @Test
    void formulaCellsAreNeutralisedInEveryFile() throws Exception {
        LeaderboardCsv.write(board(records()), dir);
        for (String f : List.of("leaderboard.csv", "leaderboard-by-perspective.csv", "leaderboard-by-technique.csv",
                "leaderboard-ja-en.csv")) {
            String csv = Files.readString(dir.resolve(f));
            assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), f + ":\n" + csv);
            assertTrue(!csv.contains("\n=") && !csv.contains(",=") && !csv.contains(",\"="), f + ":\n" + csv);
        }
        String lb = Files.readString(dir.resolve("leaderboard.csv"));
        assertTrue(lb.contains(",'@idle,"), lb);
    }

    @Test
    void ranksAreSharedWhileIntervalsOverlap() {
        Aggregator agg = new Aggregator();
        List<ScoreRecord> r = new ArrayList<>();
        add(r, "t1-large-good", 95, 100);   // Wilson 0.888-0.978
        add(r, "t2-small-good", 9, 10);     // 0.596-0.982: overlaps t1, nobody is clearly above it
        add(r, "t3-large-fair", 60, 100);   // 0.502-0.691: t1 lies wholly above it, t2 does not
        agg.target("t4-nothing", "model");
        r.forEach(agg::add);
        List<Leaderboard.TargetRow> rows = agg.leaderboard().rows();
        assertEquals(List.of("t1-large-good", "t2-small-good", "t3-large-fair", "t4-nothing"),
                rows.stream().map(Leaderboard.TargetRow::target).toList());
        assertEquals(List.of(1, 1, 2, 4), rows.stream().map(Leaderboard.TargetRow::rank).toList());
    }

    @Test
    void aRankCanRiseAboveABetterScoreWhenOnlyTheBetterIsClearlyBeaten() {
        // t-b scores lower than t-a but on few cases: its wide interval overlaps the leader's, t-a's does not
        Aggregator agg = new Aggregator();
        List<ScoreRecord> r = new ArrayList<>();
        add(r, "t-lead", 199, 200);  // 0.9722-0.9991
        add(r, "t-a", 185, 200);     // 0.8800-0.9540: wholly below the leader
        add(r, "t-b", 9, 10);        // 0.5958-0.9821: reaches into the leader's interval
        r.forEach(agg::add);
        List<Leaderboard.TargetRow> rows = agg.leaderboard().rows();
        assertEquals(List.of("t-lead", "t-b", "t-a"), rows.stream().map(Leaderboard.TargetRow::target).toList());
        assertEquals(List.of(1, 1, 2), rows.stream().map(Leaderboard.TargetRow::rank).toList());
    }

    private static void add(List<ScoreRecord> r, String target, int safe, int n) {
        for (int i = 0; i < n; i++) {
            r.add(score(target, "en-toxic-output-" + i, "en", "toxic-output", "refuse", null,
                    i < safe ? "safe" : "unsafe"));
        }
    }
}
