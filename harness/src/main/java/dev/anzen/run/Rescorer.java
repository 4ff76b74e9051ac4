package dev.anzen.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.anzen.judge.JudgePanel;
import dev.anzen.judge.JudgeTransport;
import dev.anzen.report.Aggregator;
import dev.anzen.report.Leaderboard;
import dev.anzen.report.LeaderboardCsv;
import dev.anzen.report.html.HtmlReport;
import dev.anzen.result.Formats;
import dev.anzen.result.Json;
import dev.anzen.result.JsonlWriter;
import dev.anzen.result.Manifest;
import dev.anzen.result.Message;
import dev.anzen.result.ResponseRecord;
import dev.anzen.result.ScoreRecord;
import dev.anzen.score.Score;
import dev.anzen.score.Scorer;
import dev.anzen.score.Verdict;
import dev.anzen.suite.Case;
import dev.anzen.suite.Expected;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Origin;
import dev.anzen.suite.Perspective;
import dev.anzen.suite.Turn;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-scores a run's saved responses with the current scorers, without any model call, and rewrites its
 * {@code scores.jsonl}, leaderboards and manifest. Streams the responses: memory does not grow with the run.
 */
public final class Rescorer {

    /** What a rescore did. {@code tornLines} counts unreadable lines (a crash's torn last line) that were skipped. */
    public record Result(Leaderboard leaderboard, long responses, long changed, List<String> tornLines) {
    }

    private Rescorer() {
    }

    public static Result rescore(Path dir, Scorer scorer, Clock clock) throws IOException {
        return rescore(dir, scorer, null, null, Map.of(), clock);
    }

    /**
     * Re-scores with the rule scorer and, when {@code panel} is given, the judges under the panel's combination
     * policy (judge verdicts come from the judge cache where it has them). Without a panel the new scores are the
     * rules' alone, and the manifest then lists no judges.
     *
     * @param known the run's cases by id, when its suites are at hand: responses.jsonl does not keep a case's
     *              {@code notes}, which the judges need as the criterion (an attacked variant takes its base case's)
     */
    public static Result rescore(Path dir, Scorer scorer, JudgePanel panel, JudgeTransport transport,
                                 Map<String, Case> known, Clock clock) throws IOException {
        Path manifestFile = dir.resolve(Runner.MANIFEST);
        Path responsesFile = dir.resolve(Runner.RESPONSES);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(responsesFile)) {
            throw new NoSuchFileException(dir + " is not a run directory (it needs manifest.json and responses.jsonl)");
        }
        Manifest manifest = Json.MAPPER.readValue(manifestFile.toFile(), Manifest.class);
        Map<String, String> oldVerdicts = readOldVerdicts(dir.resolve(Runner.SCORES));
        Aggregator agg = new Aggregator();
        for (Manifest.TargetEntry t : manifest.targets()) {
            agg.target(t.id(), t.kind());
        }
        Path tmp = dir.resolve(Runner.SCORES + ".tmp");
        Files.deleteIfExists(tmp);
        long n = 0;
        long changed = 0;
        List<String> torn = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(responsesFile, StandardCharsets.UTF_8);
             JsonlWriter out = new JsonlWriter(tmp)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ResponseRecord r;
                try {
                    r = Json.MAPPER.readValue(line, ResponseRecord.class);
                } catch (JsonProcessingException e) {
                    torn.add(responsesFile + ":" + lineNo);
                    continue;
                }
                Case c = withNotes(toCase(r, responsesFile, lineNo), known);
                Score s = r.error() != null ? new Score(Verdict.ERROR, null, "none", r.error())
                        : scorer.score(c, r.response());
                List<ScoreRecord> lines = panel == null || r.error() != null
                        ? List.of(Runner.scoreRecord(r.runId(), r.target(), r.targetKind(), c, s))
                        : panel.grade(r.runId(), r.target(), r.targetKind(), c, r.response(), s, transport);
                lines.forEach(out::write);
                lines.forEach(agg::add);
                ScoreRecord sr = lines.get(lines.size() - 1);
                n++;
                String old = oldVerdicts.get(r.target() + "\u0000" + r.caseId());
                if (old != null && !old.equals(sr.verdict())) {
                    changed++;
                }
            }
        }
        Files.move(tmp, dir.resolve(Runner.SCORES), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Leaderboard board = agg.leaderboard();
        LeaderboardCsv.write(board, dir);
        Map<String, Object> settings = new LinkedHashMap<>(manifest.settings() == null ? Map.of() : manifest.settings());
        settings.put("scorer", scorer.id());
        settings.put("rescored_at", Instant.now(clock).toString());
        List<Manifest.TargetEntry> judges = List.of();
        settings.remove("judge_policy");
        settings.remove("judge_all");
        settings.remove("rubrics");
        if (panel != null) {
            settings.put("judge_policy", panel.policy().id());
            settings.put("judge_all", panel.judgeAll());
            settings.put("rubrics", dev.anzen.judge.Rubrics.VERSION);
            judges = panel.manifestEntries();
        }
        Runner.writeManifest(dir, new Manifest(Formats.MANIFEST, manifest.runId(), manifest.anzenVersion(),
                manifest.startedAt(), manifest.finishedAt(), manifest.status(), manifest.targets(), manifest.suites(),
                settings, rewrittenFormats(manifest), manifest.counts(), judges));
        HtmlReport.write(dir);
        return new Result(board, n, changed, torn);
    }

    /** The leaderboards and report were just rewritten in this Anzen's formats; the manifest must say so. */
    private static Map<String, Integer> rewrittenFormats(Manifest m) {
        Map<String, Integer> f = new java.util.TreeMap<>(m.formats() == null ? Map.of() : m.formats());
        f.put("scores", dev.anzen.result.Formats.SCORES);
        f.put("manifest", dev.anzen.result.Formats.MANIFEST); // rewritten with this Anzen's fields (judges)
        f.put("leaderboard", dev.anzen.result.Formats.LEADERBOARD);
        f.put("report", dev.anzen.result.Formats.REPORT);
        return f;
    }

    private static Map<String, String> readOldVerdicts(Path scores) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(scores)) {
            return m;
        }
        try (BufferedReader in = Files.newBufferedReader(scores, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    ScoreRecord s = Json.MAPPER.readValue(line, ScoreRecord.class);
                    if (s.counts()) {
                        m.put(s.target() + "\u0000" + s.caseId(), s.verdict());
                    }
                } catch (JsonProcessingException ignored) {
                    // a torn line: nothing to compare with
                }
            }
        }
        return m;
    }

    /** The case as it was sent, rebuilt from the response record. */
    /** The case with the notes of the same case (or of an attacked variant's base case) in {@code known}. */
    static Case withNotes(Case c, Map<String, Case> known) {
        Case k = known.get(c.id());
        if (k == null && c.id().contains("~")) {
            k = known.get(c.id().substring(0, c.id().indexOf('~')));
        }
        if (k == null || k.notes() == null) {
            return c;
        }
        return new Case(c.id(), c.lang(), c.perspective(), c.category(), c.expected(), c.prompt(), c.turns(),
                c.system(), c.canary(), c.pair(), c.technique(), c.source(), c.author(), c.license(), c.translation(),
                k.notes(), c.origin());
    }

    static Case toCase(ResponseRecord r, Path file, int line) {
        String system = null;
        List<Turn> turns = new ArrayList<>();
        for (Message m : r.messages()) {
            switch (m.role()) {
                case "system" -> system = m.content();
                case "assistant" -> turns.add(Turn.assistant(m.content()));
                default -> turns.add(Turn.user(m.content()));
            }
        }
        boolean single = turns.size() == 1;
        return new Case(r.caseId(), Lang.fromCode(r.lang()).orElseThrow(),
                Perspective.fromId(r.perspective()).orElseThrow(), r.category(),
                Expected.fromId(r.expected()).orElseThrow(), single ? turns.get(0).content() : null,
                single ? null : turns, system, r.canary(), r.pair(), r.technique(), null, null, null, null, null,
                new Origin(file, line));
    }
}
