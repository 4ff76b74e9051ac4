package dev.anzen.run;

import dev.anzen.judge.JudgeTransport;
import dev.anzen.suite.Turn;
import dev.anzen.target.ErrorKind;
import dev.anzen.target.Reply;
import dev.anzen.target.Target;
import dev.anzen.target.TargetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Judge requests sent like target calls: a concurrency limit and rate limits per judge, and the run's retry policy
 * (rate limits, timeouts, server errors; {@code Retry-After} honoured; bounded attempts and waiting).
 */
public final class JudgeCalls implements JudgeTransport {
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Ticker ticker;
    private final long seed;
    private final int concurrency;
    private final Map<String, Integer> perJudge;
    private final RunListener listener;
    private final AtomicLong retries;
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

    /**
     * @param concurrency requests in flight per judge unless {@code perJudge} names the judge
     * @param retries     counts retries, for the manifest
     */
    public JudgeCalls(RetryPolicy retry, Sleeper sleeper, Ticker ticker, long seed, int concurrency,
                      Map<String, Integer> perJudge, RunListener listener, AtomicLong retries) {
        this.retry = retry;
        this.sleeper = sleeper;
        this.ticker = ticker;
        this.seed = seed;
        this.concurrency = concurrency;
        this.perJudge = Map.copyOf(perJudge);
        this.listener = listener;
        this.retries = retries;
    }

    @Override
    public Reply send(Target judge, String key, List<Turn> messages, boolean json) throws TargetException {
        Throttle t = throttles.computeIfAbsent(judge.id(), id -> new Throttle(perJudge.getOrDefault(id, concurrency),
                judge.info().limits(), ticker, sleeper));
        try {
            t.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(ErrorKind.UNKNOWN, "interrupted while waiting to call the judge");
        }
        Integer used = null;
        try {
            Reply r = Runner.callWithRetry(judge, key, json ? judge::chatJson : judge::chat, messages, retry, sleeper,
                    seed, listener, retries, t);
            if (r.inputTokens() != null || r.outputTokens() != null) {
                used = (r.inputTokens() == null ? 0 : r.inputTokens()) + (r.outputTokens() == null ? 0 : r.outputTokens());
            }
            return r;
        } finally {
            t.release(used);
        }
    }
}
