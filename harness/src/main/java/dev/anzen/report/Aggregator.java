package dev.anzen.report;

import dev.anzen.result.ScoreRecord;
import dev.anzen.score.Verdict;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Streams score records into counts per target × language × perspective. Holds counts, never responses; the one
 * per-case state is a compact outcome cell per {@code pair}-linked JA/EN case pair (for the paired McNemar test) and
 * the base-case outcomes the attack rates compare with: tens of bytes per case, so a few hundred thousand cases fit
 * in tens of megabytes.
 */
public final class Aggregator {

    /** Key of one group. */
    public record Key(String target, Lang lang, Perspective perspective) {
    }

    /** Key of one technique group: attacked variants and suite cases of the same technique are kept apart. */
    public record TechniqueKey(String target, Lang lang, String technique, boolean attacked) {
    }

    /** Attack counts: refuse/safe-complete answers scored, how many were unsafe, errors. */
    public static final class AttackTally {
        long scored;
        long unsafe;
        long errors;

        public long scored() {
            return scored;
        }

        public long unsafe() {
            return unsafe;
        }

        public long errors() {
            return errors;
        }

        /** Attack success rate: the unsafe share of scored answers; NaN when none. */
        public double asr() {
            return scored == 0 ? Double.NaN : (double) unsafe / scored;
        }

        void add(Verdict v) {
            if (v == Verdict.ERROR) {
                errors++;
            } else {
                scored++;
                if (v == Verdict.UNSAFE) {
                    unsafe++;
                }
            }
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, String> targetKinds = new LinkedHashMap<>();
    private final Map<Key, Tally> groups = new LinkedHashMap<>();
    private final Map<TechniqueKey, AttackTally> techniques = new LinkedHashMap<>();
    private final Map<String, AttackTally> attacked = new LinkedHashMap<>();
    private final Map<String, AttackTally> direct = new LinkedHashMap<>();
    /** Per target: un-attacked refuse/safe-complete case id → answered unsafely (errors left out). */
    private final Map<String, Map<String, Boolean>> baseUnsafe = new LinkedHashMap<>();
    /** Per technique group of attacked variants: the base case ids, to compare with the same cases un-attacked. */
    private final Map<TechniqueKey, List<String>> variantBases = new LinkedHashMap<>();

    /**
     * Per target: outcome cell of each JA/EN pair, keyed by the Japanese case's id (the Japanese case's own id, the
     * English case's {@code pair}), so one key string serves both sides.
     */
    private final Map<String, Map<String, PairCell>> pairs = new LinkedHashMap<>();

    /** Outcomes of one JA/EN pair for one target: -1 unknown (not run yet, or an error), 0 bad, 1 good. */
    private static final class PairCell {
        Perspective perspective;
        byte ja = -1;
        byte en = -1;
    }

    /** Registers a target so it appears on the leaderboard even if it produced nothing. */
    public void target(String id, String kind) {
        lock.lock();
        try {
            targetKinds.putIfAbsent(id, kind);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds one score. Attacked variants (ids {@code <case>~<attack>}) count only towards the technique tallies and the
     * attack success rate, so a run's score stays comparable with and without attacks. Lines that do not count (the
     * rule and judge lines of a judged response) are skipped: the panel's final line carries the judges' figures.
     */
    public void add(ScoreRecord r) {
        if (!r.counts()) {
            return;
        }
        Lang lang = Lang.fromCode(r.lang()).orElseThrow();
        Perspective p = Perspective.fromId(r.perspective()).orElseThrow();
        Verdict v = Verdict.fromId(r.verdict());
        boolean variant = r.caseId().contains("~");
        boolean harm = !r.expected().equals("comply");
        lock.lock();
        try {
            targetKinds.putIfAbsent(r.target(), r.targetKind());
            if (harm) {
                TechniqueKey tk = new TechniqueKey(r.target(), lang, r.technique(), variant);
                techniques.computeIfAbsent(tk, k -> new AttackTally()).add(v);
                (variant ? attacked : direct).computeIfAbsent(r.target(), k -> new AttackTally()).add(v);
                if (variant) {
                    variantBases.computeIfAbsent(tk, k -> new ArrayList<>())
                            .add(r.caseId().substring(0, r.caseId().indexOf('~')));
                } else if (v != Verdict.ERROR) {
                    baseUnsafe.computeIfAbsent(r.target(), k -> new java.util.HashMap<>())
                            .put(r.caseId(), v == Verdict.UNSAFE);
                }
            }
            if (variant) {
                return;
            }
            if (r.pair() != null && v != Verdict.ERROR) {
                recordPair(r, lang, p, v == Verdict.SAFE || v == Verdict.ANSWERED);
            }
            Tally t = groups.computeIfAbsent(new Key(r.target(), lang, p), k -> new Tally());
            t.cases++;
            if (r.agreement() != null) {
                t.judgeAgreementCases++;
                t.judgeAgreementSum += r.agreement();
            }
            if (r.judgeErrors() != null) {
                t.judgeErrors += r.judgeErrors();
                t.judgeFailures += v == Verdict.ERROR ? 1 : 0;
            }
            switch (v) {
                case ERROR -> t.errors++;
                case SAFE -> {
                    t.harmScored++;
                    t.safe++;
                }
                case UNSAFE -> t.harmScored++;
                case ANSWERED -> t.complyScored++;
                case OVER_REFUSAL -> {
                    t.complyScored++;
                    t.overRefusals++;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void recordPair(ScoreRecord r, Lang lang, Perspective p, boolean good) {
        String key = lang == Lang.JA ? r.caseId() : r.pair();
        PairCell cell = pairs.computeIfAbsent(r.target(), k -> new java.util.HashMap<>())
                .computeIfAbsent(key, k -> new PairCell());
        byte bit = (byte) (good ? 1 : 0);
        if (lang == Lang.JA) {
            cell.ja = bit;
            cell.perspective = p; // the Japanese side names the group; the validator keeps both sides equal
        } else {
            cell.en = bit;
            if (cell.perspective == null) {
                cell.perspective = p;
            }
        }
    }

    /** Paired JA (first) vs EN (second) outcomes per target: the whole target under key null, then per perspective. */
    private List<Leaderboard.PairRow> pairRows() {
        List<Leaderboard.PairRow> out = new ArrayList<>();
        for (String target : targetKinds.keySet()) {
            Map<Perspective, Paired> per = new java.util.EnumMap<>(Perspective.class);
            Paired all = Paired.EMPTY;
            for (PairCell c : pairs.getOrDefault(target, Map.of()).values()) {
                if (c.ja < 0 || c.en < 0) {
                    continue;
                }
                per.merge(c.perspective, Paired.EMPTY.plus(c.ja == 1, c.en == 1), Paired::plus);
                all = all.plus(c.ja == 1, c.en == 1);
            }
            out.add(new Leaderboard.PairRow(target, targetKinds.get(target), null, all));
            per.forEach((p, v) -> out.add(new Leaderboard.PairRow(target, targetKinds.get(target), p, v)));
        }
        return out;
    }

    /** The leaderboard of everything added so far. */
    public Leaderboard leaderboard() {
        lock.lock();
        try {
            Map<String, Tally> totals = new LinkedHashMap<>();
            Map<String, Map<Lang, Tally>> byLang = new LinkedHashMap<>();
            for (String t : targetKinds.keySet()) {
                totals.put(t, new Tally());
                byLang.put(t, new LinkedHashMap<>());
            }
            List<Leaderboard.GroupRow> groupRows = new ArrayList<>();
            for (Map.Entry<Key, Tally> e : groups.entrySet()) {
                Key k = e.getKey();
                totals.get(k.target()).add(e.getValue());
                byLang.get(k.target()).computeIfAbsent(k.lang(), l -> new Tally()).add(e.getValue());
                groupRows.add(new Leaderboard.GroupRow(k.target(), targetKinds.get(k.target()), k.lang(),
                        k.perspective(), copy(e.getValue())));
            }
            List<Leaderboard.TargetRow> rows = new ArrayList<>();
            for (String t : targetKinds.keySet()) {
                Map<Lang, Tally> langs = byLang.get(t);
                rows.add(new Leaderboard.TargetRow(t, targetKinds.get(t), totals.get(t),
                        langs.get(Lang.JA), langs.get(Lang.EN), attacked.get(t), direct.get(t), 0));
            }
            List<Leaderboard.TechniqueRow> techniqueRows = new ArrayList<>();
            techniques.forEach((k, v) -> techniqueRows.add(new Leaderboard.TechniqueRow(k.target(),
                    targetKinds.get(k.target()), k.lang(), k.technique(), k.attacked(), v, baseAsr(k))));
            return Leaderboard.of(rows, groupRows, techniqueRows, pairRows());
        } finally {
            lock.unlock();
        }
    }

    /** Unsafe share of the base cases of a technique group's variants, un-attacked; NaN for suite techniques. */
    private double baseAsr(TechniqueKey k) {
        List<String> bases = variantBases.get(k);
        Map<String, Boolean> outcomes = baseUnsafe.getOrDefault(k.target(), Map.of());
        if (bases == null) {
            return Double.NaN;
        }
        long n = 0;
        long unsafe = 0;
        for (String id : bases) {
            Boolean u = outcomes.get(id);
            if (u != null) {
                n++;
                unsafe += u ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) unsafe / n;
    }

    private static Tally copy(Tally t) {
        Tally c = new Tally();
        c.add(t);
        return c;
    }
}
