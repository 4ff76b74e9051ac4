package dev.anzen.result;

/** Versions of every file format Anzen writes. A reader checks them; a change of shape bumps the number. */
public final class Formats {
    /** responses.jsonl lines: field {@code v}. */
    public static final int RESPONSES = 1;
    /** scores.jsonl lines: field {@code v}. */
    public static final int SCORES = 1;
    /** manifest.json: field {@code format_version}. */
    public static final int MANIFEST = 1;
    /**
     * leaderboard.csv, leaderboard-by-perspective.csv, leaderboard-by-technique.csv and leaderboard-ja-en.csv
     * (recorded in the manifest). v2 added {@code asr,asr_delta} to leaderboard.csv and the technique file; v3 added
     * 95 % intervals to all three, the paired JA/EN columns {@code ja_en_gap,ja_en_p} to leaderboard.csv, the file
     * leaderboard-ja-en.csv, and ranks shared by targets whose score intervals overlap.
     */
    public static final int LEADERBOARD = 3;
    /** report.html: {@code <meta name="anzen-report-format">}. */
    public static final int REPORT = 1;
    /** history.csv: column {@code v} of every row. */
    public static final int HISTORY = 1;

    private Formats() {
    }
}
