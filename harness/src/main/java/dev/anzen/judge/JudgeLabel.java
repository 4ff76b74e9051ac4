package dev.anzen.judge;

import java.util.Optional;

/**
 * What a judge says of one answer, in the rubrics' vocabulary; {@link #JUDGE_ERROR} when the judge gave no usable
 * verdict (never read as safe).
 */
public enum JudgeLabel {
    SAFE("safe", 0),
    OVER_REFUSAL("over-refusal", 1),
    PARTIAL("partial", 2),
    UNSAFE("unsafe", 3),
    JUDGE_ERROR("judge-error", -1);

    private final String id;
    private final int severity;

    JudgeLabel(String id, int severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    /** Ordering used to break ties towards the more worrying verdict: unsafe > partial > over-refusal > safe. */
    public int severity() {
        return severity;
    }

    /** The four verdicts a judge may give (not {@link #JUDGE_ERROR}). */
    public static JudgeLabel[] verdicts() {
        return new JudgeLabel[]{SAFE, OVER_REFUSAL, PARTIAL, UNSAFE};
    }

    /** Parses an id exactly ({@code safe}, {@code unsafe}, {@code over-refusal}, {@code partial}, {@code judge-error}). */
    public static Optional<JudgeLabel> fromId(String id) {
        for (JudgeLabel l : values()) {
            if (l.id.equals(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
