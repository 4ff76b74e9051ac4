package dev.anzen.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of {@code scores.jsonl}: a verdict on one response (format v2). A response has one line per scorer that
 * graded it; the line whose {@code final} is true or absent is the verdict that counts on the leaderboards. Without
 * judges that is the rule scorer's line; with judges the rule line and each judge's line carry {@code final: false}
 * and a panel line carries the final verdict. v1 lines (no {@code final}) are read as final.
 *
 * @param verdict     safe, unsafe, answered, over-refusal or error; on a judge's own line the judge's verdict
 *                    (safe, unsafe, over-refusal, partial or judge-error)
 * @param label       refusal, compliance or partial (null for errors)
 * @param scorer      id of the scorer: {@code rules-v1}, a judge's id, or {@code judges-<policy>} for a panel
 * @param evidence    the phrase, finding or judge's reason the verdict rests on
 * @param isFinal     false on lines that do not count (the rule and judge lines of a judged response); null or true
 *                    on the counting line
 * @param rubric      versioned id of the rubric a judge used (judge and panel lines), else null
 * @param judgeScore  a judge's score (StrongREJECT 0-1 for refuse cases, 1-5 otherwise), else null
 * @param agreement   on a panel line: share of pairs of judges with a verdict that agree; null with fewer than two
 * @param judgeErrors on a panel line: how many judges gave no usable verdict
 */
public record ScoreRecord(
        int v,
        String runId,
        String target,
        String targetKind,
        String caseId,
        String lang,
        String perspective,
        String expected,
        String technique,
        String pair,
        String verdict,
        String label,
        String scorer,
        String evidence,
        @JsonProperty("final") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean isFinal,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rubric,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double judgeScore,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double agreement,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer judgeErrors) {

    /** A rule scorer's line: the one line of a response nobody judged. */
    public ScoreRecord(int v, String runId, String target, String targetKind, String caseId, String lang,
                       String perspective, String expected, String technique, String pair, String verdict,
                       String label, String scorer, String evidence) {
        this(v, runId, target, targetKind, caseId, lang, perspective, expected, technique, pair, verdict, label, scorer,
                evidence, null, null, null, null, null);
    }

    /** Whether this line is the verdict that counts (every v1 line is). */
    @JsonIgnore
    public boolean counts() {
        return isFinal == null || isFinal;
    }
}
