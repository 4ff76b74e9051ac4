package dev.anzen.report.html;

import dev.anzen.report.Aggregator;
import dev.anzen.report.Leaderboard;
import dev.anzen.report.RunFiles;
import dev.anzen.result.Manifest;
import dev.anzen.result.Message;
import dev.anzen.result.ScoreRecord;
import dev.anzen.score.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows, read from a run directory in two streaming passes: scores.jsonl feeds the aggregator and
 * picks at most {@code maxCases} cases for the case browser (unsafe, over-refused and failed answers first, then the
 * rest, each in file order); responses.jsonl then fills in the texts of those cases only. Memory is bounded by the
 * page, not by the run.
 *
 * @param cases      the cases shown, by target (manifest order) then case id
 * @param totalCases every scored answer in the run
 * @param tornLines  unreadable lines skipped, as file:line
 */
public record ReportData(Manifest manifest, Leaderboard leaderboard, List<CaseView> cases, long totalCases,
                         List<String> tornLines) {

    /** One answer in the case browser; texts longer than the page allows are cut, with a note. */
    public record CaseView(String target, String caseId, String lang, String perspective, String expected,
                           String technique, String verdict, String label, String evidence, List<Message> messages,
                           String response, String error) {
    }

    public static ReportData read(Path dir, int maxCases, int maxText) throws IOException {
        if (maxCases < 0 || maxText < 1) {
            throw new IllegalArgumentException("maxCases must be >= 0 and maxText >= 1, not " + maxCases + ", "
                    + maxText);
        }
        Manifest manifest = RunFiles.manifest(dir);
        Aggregator agg = new Aggregator();
        if (manifest.targets() != null) {
            manifest.targets().forEach(t -> agg.target(t.id(), t.kind()));
        }
        List<String> torn = new ArrayList<>();
        Map<String, ScoreRecord> failures = new LinkedHashMap<>();
        Map<String, ScoreRecord> others = new LinkedHashMap<>();
        long[] total = {0};
        RunFiles.scores(dir, r -> {
            agg.add(r);
            total[0]++;
            String k = key(r.target(), r.caseId());
            Verdict v = Verdict.fromId(r.verdict());
            boolean failure = v == Verdict.UNSAFE || v == Verdict.OVER_REFUSAL || v == Verdict.ERROR;
            Map<String, ScoreRecord> bucket = failure ? failures : others;
            if (bucket.containsKey(k) || bucket.size() < maxCases) {
                bucket.put(k, r); // a repeated answer (a resumed run) replaces the earlier one
            }
        }, torn::add);
        Map<String, ScoreRecord> chosen = new LinkedHashMap<>(failures);
        for (Map.Entry<String, ScoreRecord> e : others.entrySet()) {
            if (chosen.size() >= maxCases) {
                break;
            }
            chosen.putIfAbsent(e.getKey(), e.getValue());
        }
        Map<String, CaseView> views = new HashMap<>();
        RunFiles.responses(dir, r -> {
            String k = key(r.target(), r.caseId());
            ScoreRecord s = chosen.get(k);
            if (s == null) {
                return;
            }
            List<Message> msgs = new ArrayList<>();
            if (r.messages() != null) {
                for (Message m : r.messages()) {
                    msgs.add(new Message(m.role(), cut(m.content(), maxText)));
                }
            }
            String error = r.error() == null ? null
                    : r.error() + (r.errorMessage() == null ? "" : ": " + cut(r.errorMessage(), maxText));
            views.put(k, new CaseView(s.target(), s.caseId(), s.lang(), s.perspective(), s.expected(),
                    s.technique(), s.verdict(), s.label(), cut(s.evidence(), maxText), List.copyOf(msgs),
                    cut(r.response(), maxText), error));
        }, torn::add);
        Map<String, Integer> targetOrder = new HashMap<>();
        agg.leaderboard().rows().forEach(t -> targetOrder.putIfAbsent(t.target(), targetOrder.size()));
        List<CaseView> cases = new ArrayList<>();
        for (Map.Entry<String, ScoreRecord> e : chosen.entrySet()) {
            CaseView v = views.get(e.getKey());
            if (v == null) { // scored but its response line is torn or missing: show the verdict without texts
                ScoreRecord s = e.getValue();
                v = new CaseView(s.target(), s.caseId(), s.lang(), s.perspective(), s.expected(), s.technique(),
                        s.verdict(), s.label(), cut(s.evidence(), maxText), List.of(), null,
                        "no response line in " + RunFiles.RESPONSES);
            }
            cases.add(v);
        }
        cases.sort(Comparator.<CaseView>comparingInt(c -> targetOrder.getOrDefault(c.target(), Integer.MAX_VALUE))
                .thenComparing(CaseView::target).thenComparing(CaseView::caseId));
        return new ReportData(manifest, agg.leaderboard(), List.copyOf(cases), total[0], List.copyOf(torn));
    }

    /** Cuts a text to {@code max} characters (never inside a surrogate pair) and says how much was left out. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "\n[… " + (s.length() - end) + " more characters in the run's files]";
    }

    private static String key(String target, String caseId) {
        return target + "\u0000" + caseId;
    }
}
