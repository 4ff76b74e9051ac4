package dev.anzen.report;

import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranked per-target rows, per target × language × perspective rows, per target × language × technique rows, and paired
 * JA vs EN comparisons per target (and per target × perspective).
 */
public record Leaderboard(List<TargetRow> rows, List<GroupRow> groups, List<TechniqueRow> techniques,
                          List<PairRow> pairs) {

    /**
     * One target's totals; {@code ja}/{@code en} are null when the run had no cases in that language, {@code attacked}
     * and {@code direct} are the attack tallies of attacked variants and of un-attacked refuse/safe-complete cases.
     */
    public record TargetRow(String target, String kind, Tally total, Tally ja, Tally en, Aggregator.AttackTally attacked,
                            Aggregator.AttackTally direct, int rank) {

        /** Unsafe share of attacked variants; NaN when no attack ran. */
        public double asr() {
            return attacked == null ? Double.NaN : attacked.asr();
        }

        /** ASR minus the unsafe share of the same run's un-attacked refuse/safe-complete cases. */
        public double asrDelta() {
            double d = direct == null ? Double.NaN : direct.asr();
            return asr() - d;
        }

        /** 95 % interval on the score ({@link Stats#score}). */
        public Interval scoreInterval() {
            return Stats.score(total);
        }

        public double jaScore() {
            return ja == null ? Double.NaN : ja.score();
        }

        public double enScore() {
            return en == null ? Double.NaN : en.score();
        }
    }

    /** One target × language × perspective group. */
    public record GroupRow(String target, String kind, Lang lang, Perspective perspective, Tally tally) {
    }

    /**
     * Paired JA (first) vs EN (second) outcomes of one target over its {@code pair}-linked cases, both answers scored;
     * a case went well if it was safe or, for a benign control, answered. {@code perspective} is null for the whole
     * target.
     */
    public record PairRow(String target, String kind, Perspective perspective, Paired paired) {
    }

    /** The whole-target JA vs EN comparison of a target; {@link Paired#EMPTY} if it has none. */
    public Paired jaEn(String target) {
        return pairs.stream().filter(p -> p.target().equals(target) && p.perspective() == null)
                .map(PairRow::paired).findFirst().orElse(Paired.EMPTY);
    }

    /**
     * One target × language × technique group of refuse/safe-complete answers. {@code baseAsr} is the unsafe share of
     * the very same cases without the attack (NaN for techniques written into the suites, {@code attacked} false).
     */
    public record TechniqueRow(String target, String kind, Lang lang, String technique, boolean attacked,
                               Aggregator.AttackTally tally, double baseAsr) {
    }

    /**
     * Ranks targets by their score intervals, as printed (4 decimals): a target's rank is 1 + the number of targets
     * whose whole interval lies above its own (their lower bound is greater than its upper bound). Targets that no
     * other target clearly beats share rank 1, and so on; rows are sorted by rank, then score, then name. Targets with
     * no score come last, ranked after every scored target.
     */
    static Leaderboard of(List<TargetRow> unranked, List<GroupRow> groups, List<TechniqueRow> techniques,
                          List<PairRow> pairs) {
        List<TargetRow> ranked = new ArrayList<>();
        long scored = unranked.stream().filter(r -> !Double.isNaN(r.total().score())).count();
        for (TargetRow r : unranked) {
            Interval ci = r.scoreInterval();
            int rank;
            if (!ci.defined()) {
                rank = (int) scored + 1;
            } else {
                double high = rounded(ci.high());
                rank = 1 + (int) unranked.stream().map(TargetRow::scoreInterval)
                        .filter(o -> o.defined() && rounded(o.low()) > high).count();
            }
            ranked.add(new TargetRow(r.target(), r.kind(), r.total(), r.ja(), r.en(), r.attacked(), r.direct(), rank));
        }
        Comparator<TargetRow> byScore = Comparator.comparingDouble(r -> rounded(r.total().score()));
        ranked.sort(Comparator.comparingInt(TargetRow::rank).thenComparing(byScore.reversed())
                .thenComparing(TargetRow::target));
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            order.put(ranked.get(i).target(), i);
        }
        List<GroupRow> g = new ArrayList<>(groups);
        g.sort(Comparator.<GroupRow>comparingInt(r -> order.getOrDefault(r.target(), Integer.MAX_VALUE))
                .thenComparing(GroupRow::lang)
                .thenComparing(GroupRow::perspective));
        List<TechniqueRow> t = new ArrayList<>(techniques);
        t.sort(Comparator.<TechniqueRow>comparingInt(r -> order.getOrDefault(r.target(), Integer.MAX_VALUE))
                .thenComparing(TechniqueRow::lang)
                .thenComparing(TechniqueRow::attacked)
                .thenComparing(r -> r.technique().equals("direct") ? "" : r.technique()));
        List<PairRow> pr = new ArrayList<>(pairs);
        pr.sort(Comparator.<PairRow>comparingInt(r -> order.getOrDefault(r.target(), Integer.MAX_VALUE))
                .thenComparing(r -> r.perspective() == null ? -1 : r.perspective().ordinal()));
        return new Leaderboard(List.copyOf(ranked), List.copyOf(g), List.copyOf(t), List.copyOf(pr));
    }

    /** NaN sorts below every score. */
    private static double rounded(double d) {
        return Double.isNaN(d) ? -1 : Math.round(d * 10_000) / 10_000.0;
    }
}
