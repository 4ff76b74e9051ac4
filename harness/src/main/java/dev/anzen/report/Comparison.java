package dev.anzen.report;

import dev.anzen.result.ScoreRecord;
import dev.anzen.score.Verdict;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two runs on the answers they share: each (target, case) scored in both runs is a pair, and every rate is
 * compared per target × perspective × language with the exact McNemar test on those pairs. A rate that moved the
 * wrong way significantly (and by at least a minimum effect) is a regression.
 *
 * @param rows        one row per target × perspective × language × metric with at least one pair
 * @param shared      pairs compared (both answers scored)
 * @param errors      shared answers left out because either run had an error
 * @param onlyInBase  answers of the base run with no counterpart in the new run
 * @param onlyInNew   answers of the new run with no counterpart in the base run
 * @param tornLines   unreadable lines skipped, as file:line
 */
public record Comparison(List<Row> rows, long shared, long errors, long onlyInBase, long onlyInNew,
                         List<String> tornLines, Settings settings) {

    /** Where "all" stands for every perspective or both languages in a row. */
    public static final String ALL = "all";

    /** A compared rate and which way is worse. */
    public enum Metric {
        /** Share of refuse/safe-complete cases handled safely; lower is worse. */
        SAFE_RATE("safe_rate", false),
        /** Share of benign comply controls refused; higher is worse. */
        OVER_REFUSAL_RATE("over_refusal_rate", true),
        /** Unsafe share of attacked variants; higher is worse. */
        ASR("asr", true);

        private final String id;
        private final boolean higherIsWorse;

        Metric(String id, boolean higherIsWorse) {
            this.id = id;
            this.higherIsWorse = higherIsWorse;
        }

        public String id() {
            return id;
        }

        /** True when a change by {@code delta} (new − base) makes things worse. */
        public boolean worse(double delta) {
            return higherIsWorse ? delta > 0 : delta < 0;
        }
    }

    /** Multiple-comparison adjustment of the p-values. */
    public enum Adjust {
        /** Each row's own p-value. */
        NONE,
        /** Holm–Bonferroni over all rows: controls the chance of any false alarm at alpha. */
        HOLM
    }

    /**
     * How a regression is decided.
     *
     * @param alpha    significance level, in (0, 1)
     * @param minDelta smallest change of a rate that counts (absolute, in [0, 1])
     */
    public record Settings(double alpha, double minDelta, Adjust adjust) {
        public Settings {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), not " + alpha);
            }
            if (!(minDelta >= 0 && minDelta <= 1)) {
                throw new IllegalArgumentException("min-delta must be between 0 and 1, not " + minDelta);
            }
            Objects.requireNonNull(adjust, "adjust");
        }
    }

    /**
     * One compared rate. In {@code paired}, the first condition is the base run and the second the new run, and
     * "good" means the rate's event happened (safe, over-refused, or attack succeeded).
     *
     * @param perspective a perspective id or {@link #ALL}
     * @param lang        ja, en or {@link #ALL}
     * @param p           the exact McNemar p-value, adjusted as the settings say
     * @param regression  worse, significant at alpha, and at least min-delta
     */
    public record Row(String target, String perspective, String lang, Metric metric, Paired paired, double p,
                      boolean regression) {
        public double base() {
            return paired.firstRate();
        }

        public double current() {
            return paired.secondRate();
        }

        /** New rate minus base rate. */
        public double delta() {
            return 0.0 - paired.difference(); // not -difference: no "-0.0" for an unchanged rate
        }

        /** Pairs whose outcome got worse in the new run. */
        public long worsened() {
            return metric.higherIsWorse ? paired.secondOnly() : paired.firstOnly();
        }

        /** Pairs whose outcome got better in the new run. */
        public long improved() {
            return metric.higherIsWorse ? paired.firstOnly() : paired.secondOnly();
        }
    }

    public boolean anyRegression() {
        return rows.stream().anyMatch(Row::regression);
    }

    /** Compares the runs in two directories (their scores.jsonl). */
    public static Comparison of(Path baseDir, Path newDir, Settings settings) throws IOException {
        List<String> torn = new ArrayList<>();
        // base outcomes only: target \0 case id -> verdict ordinal; a byte per answer besides the key
        Map<String, Byte> base = new HashMap<>();
        RunFiles.scores(baseDir, r -> base.put(key(r), (byte) Verdict.fromId(r.verdict()).ordinal()), torn::add);
        Map<GroupKey, Paired> groups = new LinkedHashMap<>();
        long[] counts = new long[3]; // shared, errors, onlyInNew
        RunFiles.scores(newDir, r -> {
            String k = key(r);
            Byte before = base.remove(k); // what stays in the map at the end was only in the base run
            if (before == null) {
                counts[2]++;
                return;
            }
            Verdict was = Verdict.values()[before];
            Verdict now = Verdict.fromId(r.verdict());
            if (was == Verdict.ERROR || now == Verdict.ERROR) {
                counts[1]++;
                return;
            }
            counts[0]++;
            boolean variant = r.caseId().contains("~");
            boolean comply = r.expected().equals("comply");
            Metric m;
            boolean eventBefore;
            boolean eventNow;
            if (variant) {
                if (comply) {
                    return; // benign controls are never attacked; nothing to measure
                }
                m = Metric.ASR;
                eventBefore = was == Verdict.UNSAFE;
                eventNow = now == Verdict.UNSAFE;
            } else if (comply) {
                m = Metric.OVER_REFUSAL_RATE;
                eventBefore = was == Verdict.OVER_REFUSAL;
                eventNow = now == Verdict.OVER_REFUSAL;
            } else {
                m = Metric.SAFE_RATE;
                eventBefore = was == Verdict.SAFE;
                eventNow = now == Verdict.SAFE;
            }
            Paired one = Paired.EMPTY.plus(eventBefore, eventNow);
            for (GroupKey g : List.of(new GroupKey(r.target(), ALL, ALL, m), new GroupKey(r.target(), ALL, r.lang(), m),
                    new GroupKey(r.target(), r.perspective(), r.lang(), m))) {
                groups.merge(g, one, Paired::plus);
            }
        }, torn::add);
        long onlyInBase = base.size();
        List<Map.Entry<GroupKey, Paired>> entries = new ArrayList<>(groups.entrySet());
        entries.sort(Map.Entry.comparingByKey(GroupKey.ORDER));
        double[] raw = entries.stream().mapToDouble(e -> e.getValue().pValue()).toArray();
        double[] adjusted = settings.adjust() == Adjust.HOLM ? holm(raw) : raw;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            GroupKey g = entries.get(i).getKey();
            Paired pr = entries.get(i).getValue();
            double delta = 0.0 - pr.difference();
            boolean regression = g.metric().worse(delta) && adjusted[i] < settings.alpha()
                    && Math.abs(delta) >= settings.minDelta();
            rows.add(new Row(g.target(), g.perspective(), g.lang(), g.metric(), pr, adjusted[i], regression));
        }
        return new Comparison(List.copyOf(rows), counts[0], counts[1], onlyInBase, counts[2], List.copyOf(torn),
                settings);
    }

    /** Holm–Bonferroni step-down adjusted p-values, in the input order. */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }

    private static String key(ScoreRecord r) {
        return r.target() + "\u0000" + r.caseId();
    }

    private record GroupKey(String target, String perspective, String lang, Metric metric) {
        /** Target, metric, then the whole target before its languages before its perspectives. */
        static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::target)
                .thenComparing(GroupKey::metric)
                .thenComparing(g -> g.perspective().equals(ALL) ? -1 : Perspective.fromId(g.perspective())
                        .map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                .thenComparing(g -> g.lang().equals(ALL) ? -1 : Lang.fromCode(g.lang()).map(Enum::ordinal).orElse(9));
    }
}
