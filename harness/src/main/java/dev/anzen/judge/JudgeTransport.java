package dev.anzen.judge;

import dev.anzen.suite.Turn;
import dev.anzen.target.Reply;
import dev.anzen.target.Target;
import dev.anzen.target.TargetException;
import java.util.List;

/**
 * How a judge request reaches the judge model. A run supplies one that throttles and retries like its target calls
 * (rate limits, timeouts, server errors); {@link #direct()} sends once.
 */
@FunctionalInterface
public interface JudgeTransport {

    /**
     * @param json ask for a JSON object answer (the provider's JSON mode)
     * @param key  what the request is about (the case id), for deterministic retry jitter
     */
    Reply send(Target judge, String key, List<Turn> messages, boolean json) throws TargetException;

    /** One attempt, no throttle. */
    static JudgeTransport direct() {
        return (judge, key, messages, json) -> json ? judge.chatJson(messages) : judge.chat(messages);
    }
}
