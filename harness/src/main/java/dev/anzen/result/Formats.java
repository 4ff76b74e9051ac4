package dev.anzen.result;

/** Versions of every file format Anzen writes. A reader checks them; a change of shape bumps the number. */
public final class Formats {
    /** responses.jsonl lines: field {@code v}. */
    public static final int RESPONSES = 1;
    /**
     * scores.jsonl lines: field {@code v}. v2 added {@code final}, {@code rubric}, {@code judge_score},
     * {@code agreement} and {@code judge_errors} (judges); v1 lines read as final.
     */
    public static final int SCORES = 2;
    /** manifest.json: field {@code format_version}. v2 added {@code judges}; v1 manifests read with none. */
    public static final int MANIFEST = 2;
    /**
     * leaderboard.csv, leaderboard-by-perspective.csv, leaderboard-by-technique.csv and leaderboard-ja-en.csv
     * (recorded in the manifest). v2 added {@code asr,asr_delta} to leaderboard.csv and the technique file; v3 added
     * 95 % intervals to all three, the paired JA/EN columns {@code ja_en_gap,ja_en_p} to leaderboard.csv, the file
     * leaderboard-ja-en.csv, and ranks shared by targets whose score intervals overlap; v4 added
     * {@code judge_agreement,n_judge_errors} to leaderboard.csv.
     */
    public static final int LEADERBOARD = 4;
    /** report.html: {@code <meta name="anzen-report-format">}. */
    public static final int REPORT = 1;
    /** history.csv: column {@code v} of every row. */
    public static final int HISTORY = 1;
    /** calibration.json (field {@code format_version}), calibration.csv and calibration-confusion.csv. */
    public static final int CALIBRATION = 1;

    private Formats() {
    }
}
