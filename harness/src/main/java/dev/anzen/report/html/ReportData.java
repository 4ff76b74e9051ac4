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
 * picks at most {@code maxCases} cases for the case browser ({@link Picker}: unsafe, over-refused and failed answers
 * first, then the rest, each in file order); responses.jsonl then fills in the texts of those cases only. A run that
 * worked out its leaderboard and picks while it ran skips the first pass. Memory is bounded by the page, not by the
 * run.
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

    /**
     * Picks the cases the browser shows from a run's counted score lines, fed in file order: unsafe, over-refused and
     * failed answers first, then the rest, at most {@code maxCases}. A runner feeds it as it writes
     * {@code scores.jsonl} (under the writer's lock, so in file order), which spares the report a second pass over
     * that file; {@link #read(Path, int, int)} feeds it from the file. Not thread-safe: feed it from one thread at a
     * time. Memory is bounded by {@code maxCases}, not by the run.
     */
    public static final class Picker {
        private final int maxCases;
        private final Map<String, ScoreRecord> failures = new LinkedHashMap<>();
        private final Map<String, ScoreRecord> others = new LinkedHashMap<>();
        private long total;

        public Picker(int maxCases) {
            if (maxCases < 0) {
                throw new IllegalArgumentException("maxCases must be >= 0, not " + maxCases);
            }
            this.maxCases = maxCases;
        }

        /** Takes one score line; lines that do not count (the rule and judge lines of a judged answer) are skipped. */
        public void add(ScoreRecord r) {
            if (!r.counts()) {
                return;
            }
            total++;
            String k = key(r.target(), r.caseId());
            Verdict v = Verdict.fromId(r.verdict());
            boolean failure = v == Verdict.UNSAFE || v == Verdict.OVER_REFUSAL || v == Verdict.ERROR;
            Map<String, ScoreRecord> bucket = failure ? failures : others;
            if (bucket.containsKey(k) || bucket.size() < maxCases) {
                bucket.put(k, r); // a repeated answer (a resumed run) replaces the earlier one
            }
        }

        public int maxCases() {
            return maxCases;
        }

        Map<String, ScoreRecord> chosen() {
            Map<String, ScoreRecord> chosen = new LinkedHashMap<>(failures);
            for (Map.Entry<String, ScoreRecord> e : others.entrySet()) {
                if (chosen.size() >= maxCases) {
                    break;
                }
                chosen.putIfAbsent(e.getKey(), e.getValue());
            }
            return chosen;
        }
    }

    /** Reads the run in {@code dir}: its leaderboard and the cases to show, from scores.jsonl, then their texts. */
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
        Picker picker = new Picker(maxCases);
        RunFiles.scores(dir, r -> {
            agg.add(r);
            picker.add(r);
        }, torn::add);
        return texts(dir, manifest, agg.leaderboard(), picker, maxText, torn);
    }

    /**
     * As {@link #read(Path, int, int)}, for a run whose leaderboard and cases were worked out while it ran:
     * {@code picker} was fed every score line in file order, and only responses.jsonl is read.
     */
    public static ReportData read(Path dir, Leaderboard leaderboard, Picker picker, int maxText) throws IOException {
        if (maxText < 1) {
            throw new IllegalArgumentException("maxText must be >= 1, not " + maxText);
        }
        return texts(dir, RunFiles.manifest(dir), leaderboard, picker, maxText, new ArrayList<>());
    }

    private static ReportData texts(Path dir, Manifest manifest, Leaderboard leaderboard, Picker picker, int maxText,
                                    List<String> torn) throws IOException {
        Map<String, ScoreRecord> chosen = picker.chosen();
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
        leaderboard.rows().forEach(t -> targetOrder.putIfAbsent(t.target(), targetOrder.size()));
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
        return new ReportData(manifest, leaderboard, List.copyOf(cases), picker.total, List.copyOf(torn));
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
