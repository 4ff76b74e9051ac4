package dev.anzen.judge;

import java.util.Objects;

/**
 * One judge's verdict on one answer.
 *
 * @param judge    the judge's id (its name, by default its spec, e.g. {@code openai:gpt-4o-mini})
 * @param label    the verdict, or {@link JudgeLabel#JUDGE_ERROR} when the judge gave none usable
 * @param score    the judge's score (StrongREJECT 0-1 for refuse cases, 1-5 otherwise), or null
 * @param reason   the judge's reason, or what went wrong for a judge error
 * @param rubric   the rubric's versioned id
 * @param attempts requests made for this verdict (0 when it came from the cache)
 * @param cached   whether it came from the judge cache
 */
public record Judgement(String judge, JudgeLabel label, Double score, String reason, String rubric, int attempts,
                        boolean cached) {
    public Judgement {
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(label, "label");
        reason = reason == null ? "" : reason;
    }

    public boolean valid() {
        return label != JudgeLabel.JUDGE_ERROR;
    }
}
