package dev.anzen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.result.Formats;
import dev.anzen.result.Manifest;
import dev.anzen.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.csv (format v1): golden file, formula cells, reading back, concurrent appends, the trend table. */
class HistoryTest {

    @TempDir
    Path dir;

    private static final String SUITE_JA = "a".repeat(64);
    private static final String SUITE_EN = "b".repeat(64);

    static Manifest manifest(String runId, String started, String... suiteHashes) {
        List<Manifest.SuiteEntry> suites = new ArrayList<>();
        for (int i = 0; i < suiteHashes.length; i++) {
            suites.add(new Manifest.SuiteEntry("prompts-" + i + ".jsonl", suiteHashes[i], 40));
        }
        return new Manifest(Formats.MANIFEST, runId, "test", started, started, "complete", List.of(), suites,
                Map.of("scorer", "rules-v1"), Map.of(), Map.of());
    }

    /** The leaderboard of the LeaderboardCsvTest records: two models (one named like a formula) and an idle target. */
    static Leaderboard board() {
        return LeaderboardCsvTest.board(LeaderboardCsvTest.records());
    }

    @Test
    void historyMatchesItsGoldenFile() throws Exception {
        Path file = dir.resolve("results/history.csv");
        History.append(file, manifest("20261123-081100-a391", "2026-11-23T08:11:00.123456Z", SUITE_JA, SUITE_EN),
                board());
        // the same suites listed in another order hash the same
        History.append(file, manifest("=cmd|' /C calc'!A0", "2026-11-24T08:11:00Z", SUITE_EN, SUITE_JA), board());
        String csv = Files.readString(file);
        Golden.assertMatches("history/history.csv", csv);
        assertEquals(1 + 2 * 3, csv.lines().count(), csv);
        assertTrue(csv.startsWith(String.join(",", History.COLUMNS) + "\n"), csv);
    }

    @Test
    void formulaCellsAreNeutralisedAndReadBackAsWritten() throws Exception {
        Path file = dir.resolve("history.csv");
        History.append(file, manifest("-run", "2026-11-23T08:11:00Z", SUITE_JA), board());
        String csv = Files.readString(file);
        for (String line : csv.lines().toList()) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                // signed numbers (+0.2857, -0.0500) are Anzen's own and stay numbers; any other text is neutralised
                assertFalse((c.startsWith("=") || c.startsWith("+") || c.startsWith("-") || c.startsWith("@"))
                        && !c.matches("[+-]\\d+\\.\\d{4}"), "a formula cell: " + cell + " in\n" + csv);
            }
        }
        assertTrue(csv.contains(",'-run,"), csv);
        assertTrue(csv.contains(",'@idle,"), csv);
        List<History.Row> rows = History.read(file);
        assertEquals(List.of("model-a", "=HYPERLINK(\"http://evil.example\",\"x\")", "@idle"),
                rows.stream().map(History.Row::target).toList());
        assertEquals("-run", rows.get(0).runId());
        History.Row a = rows.get(0);
        Leaderboard.TargetRow expected = board().rows().stream().filter(r -> r.target().equals("model-a")).findFirst()
                .orElseThrow();
        assertEquals(expected.rank(), a.rank());
        assertEquals(expected.total().score(), a.score(), 5e-5);
        assertEquals(expected.scoreInterval().low(), a.scoreCi().low(), 5e-5);
        assertEquals(board().jaEn("model-a").pValue(), a.jaEnP(), 1e-3);
        assertEquals(History.suiteHash(List.of(new Manifest.SuiteEntry("x", SUITE_JA, 1))), a.suiteHash());
        assertTrue(Double.isNaN(rows.get(2).score()), "the idle target has no score");
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        Path file = dir.resolve("history.csv");
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String id = "run-%02d".formatted(i);
                done.add(pool.submit((Callable<Void>) () -> {
                    History.append(file, manifest(id, "2026-11-23T08:11:00Z", SUITE_JA), board());
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<History.Row> rows = History.read(file);
        assertEquals(runs * 3, rows.size());
        // each run's three rows are together, in leaderboard order
        for (int i = 0; i < rows.size(); i += 3) {
            String run = rows.get(i).runId();
            assertEquals(List.of(run, run, run), rows.subList(i, i + 3).stream().map(History.Row::runId).toList());
        }
        assertEquals(1, Files.readAllLines(file).stream().filter(l -> l.startsWith("v,run_id,")).count());
    }

    @Test
    void aFileWithoutItsLastNewlineIsRepairedBeforeAppending() throws Exception {
        Path file = dir.resolve("history.csv");
        History.append(file, manifest("r1", "2026-11-23T08:11:00Z", SUITE_JA), board());
        String once = Files.readString(file);
        Files.writeString(file, once.substring(0, once.length() - 1)); // an editor dropped the final newline
        History.append(file, manifest("r2", "2026-11-24T08:11:00Z", SUITE_JA), board());
        assertEquals(6, History.read(file).size());
    }

    @Test
    void unreadableFilesNameFileLineAndField() throws Exception {
        Path file = dir.resolve("history.csv");
        History.append(file, manifest("r1", "2026-11-23T08:11:00Z", SUITE_JA), board());
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\n1,r1,", "\n9,r1,"));
        var e = assertThrows(History.BadHistoryException.class, () -> History.read(file));
        assertEquals(file + ":2: field 'v': format 9 is newer than this Anzen reads (1)", e.getMessage());
        Files.writeString(file, text.replaceFirst(",model-a,model,1,", ",model-a,model,first,"));
        e = assertThrows(History.BadHistoryException.class, () -> History.read(file));
        assertEquals(file + ":2: field 'rank': not a whole number: 'first'", e.getMessage());
        Files.writeString(file, text + "1,r2,short\n");
        e = assertThrows(History.BadHistoryException.class, () -> History.read(file));
        assertTrue(e.getMessage().startsWith(file + ":5: expected 20 cells, found 3"), e.getMessage());
    }

    @Test
    void theTrendTableShowsChangesAndSuiteChanges() throws Exception {
        Path file = dir.resolve("history.csv");
        History.append(file, manifest("r1", "2026-11-23T08:11:00.5Z", SUITE_JA), board());
        History.append(file, manifest("r2", "2026-11-24T08:11:00Z", SUITE_JA), board());
        History.append(file, manifest("r3", "2026-11-25T08:11:00Z", SUITE_JA, SUITE_EN), board());
        StringWriter out = new StringWriter();
        HistoryTable.print(History.read(file).stream().filter(r -> r.target().equals("model-a")).toList(),
                new PrintWriter(out));
        List<String> lines = out.toString().lines().toList();
        assertEquals("model-a: 3 run(s)", lines.get(0));
        assertTrue(lines.get(2).startsWith("  2026-11-23T08:11:00Z  r1 "), lines.get(2));
        assertTrue(lines.get(3).endsWith("+0.0pt  same"), lines.get(3));
        assertTrue(lines.get(4).endsWith(" (changed)"), lines.get(4));
        assertTrue(lines.get(5).contains("use 'anzen compare' for a paired test"), lines.get(5));
        assertEquals(6, lines.size(), out.toString());
    }
}
