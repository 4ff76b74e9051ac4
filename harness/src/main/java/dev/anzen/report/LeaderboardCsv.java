package dev.anzen.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code leaderboard.csv}, {@code leaderboard-by-perspective.csv}, {@code leaderboard-by-technique.csv} and
 * {@code leaderboard-ja-en.csv} (format {@link dev.anzen.result.Formats#LEADERBOARD}, RFC 4180, UTF-8).
 */
public final class LeaderboardCsv {

    public static final String[] COLUMNS = {"rank", "target", "target_kind", "score", "safe_rate", "over_refusal_rate",
            "ja_score", "en_score", "n_cases", "n_errors", "asr", "asr_delta", "score_ci_low", "score_ci_high", "ja_en_gap",
            "ja_en_p", "judge_agreement", "n_judge_errors"};
    public static final String[] TECHNIQUE_COLUMNS = {"target", "target_kind", "lang", "technique", "attacked", "n",
            "asr", "base_asr", "n_errors", "asr_ci_low", "asr_ci_high"};
    public static final String[] PERSPECTIVE_COLUMNS = {"target", "target_kind", "lang", "perspective", "n",
            "safe_rate", "over_refusal_rate", "n_errors", "safe_rate_ci_low", "safe_rate_ci_high", "over_refusal_ci_low",
            "over_refusal_ci_high"};
    public static final String[] JA_EN_COLUMNS = {"target", "target_kind", "perspective", "n_pairs", "ja_rate",
            "en_rate", "ja_en_gap", "ja_only", "en_only", "ja_en_p"};

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** The paired JA vs EN file. */
    public static final String JA_EN = "leaderboard-ja-en.csv";

    private LeaderboardCsv() {
    }

    public static void write(Leaderboard board, Path dir) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("leaderboard.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(COLUMNS).get())) {
            for (Leaderboard.TargetRow r : board.rows()) {
                p.printRecord(r.rank(), CsvCells.text(r.target()), r.kind(), CsvCells.rate(r.total().score()),
                        CsvCells.rate(r.total().safeRate()), CsvCells.rate(r.total().overRefusalRate()),
                        CsvCells.rate(r.jaScore()), CsvCells.rate(r.enScore()), r.total().cases(), r.total().errors(),
                        CsvCells.rate(r.asr()), CsvCells.signedRate(r.asrDelta()),
                        CsvCells.rate(r.scoreInterval().low()), CsvCells.rate(r.scoreInterval().high()),
                        CsvCells.signedRate(board.jaEn(r.target()).difference()),
                        CsvCells.pValue(board.jaEn(r.target()).pValue()),
                        CsvCells.rate(r.total().judgeAgreement()), r.total().judgeErrors());
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("leaderboard-by-perspective.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(PERSPECTIVE_COLUMNS).get())) {
            for (Leaderboard.GroupRow g : board.groups()) {
                Interval safe = Stats.wilson(g.tally().safe(), g.tally().harmScored());
                Interval over = Stats.wilson(g.tally().overRefusals(), g.tally().complyScored());
                p.printRecord(CsvCells.text(g.target()), g.kind(), g.lang().code(), g.perspective().id(),
                        g.tally().cases(), CsvCells.rate(g.tally().safeRate()),
                        CsvCells.rate(g.tally().overRefusalRate()), g.tally().errors(),
                        CsvCells.rate(safe.low()), CsvCells.rate(safe.high()), CsvCells.rate(over.low()),
                        CsvCells.rate(over.high()));
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("leaderboard-by-technique.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(TECHNIQUE_COLUMNS).get())) {
            for (Leaderboard.TechniqueRow t : board.techniques()) {
                Interval asr = Stats.wilson(t.tally().unsafe(), t.tally().scored());
                p.printRecord(CsvCells.text(t.target()), t.kind(), t.lang().code(), CsvCells.text(t.technique()),
                        t.attacked() ? "yes" : "no", t.tally().scored(), CsvCells.rate(t.tally().asr()),
                        CsvCells.rate(t.baseAsr()), t.tally().errors(), CsvCells.rate(asr.low()),
                        CsvCells.rate(asr.high()));
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(JA_EN), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(JA_EN_COLUMNS).get())) {
            for (Leaderboard.PairRow r : board.pairs()) {
                Paired x = r.paired();
                p.printRecord(CsvCells.text(r.target()), r.kind(),
                        r.perspective() == null ? "all" : r.perspective().id(), x.n(), CsvCells.rate(x.firstRate()),
                        CsvCells.rate(x.secondRate()), CsvCells.signedRate(x.difference()), x.firstOnly(),
                        x.secondOnly(), CsvCells.pValue(x.pValue()));
            }
        }
    }
}
