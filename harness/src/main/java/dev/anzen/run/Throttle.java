package dev.anzen.run;

import dev.anzen.target.Limits;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How fast one target is called: at most {@code limit} requests in flight (halved on each rate-limit answer and
 * grown back by one after {@code limit} successes in a row when adaptive), requests started no closer than
 * 60 s / requests-per-minute, and a token bucket of tokens-per-minute that answers drain (it may go into debt: the
 * size of an answer is known only after it arrives). Time comes from the run's ticker and sleeper.
 */
final class Throttle {
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads must not pin
    private final Condition freed = lock.newCondition();
    private final int max;
    private final Limits limits;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private int limit;
    private int inFlight;
    private int successes;
    private long nextStart;
    private double tokens;
    private long lastRefill;

    Throttle(int concurrency, Limits limits, Ticker ticker, Sleeper sleeper) {
        this.max = concurrency;
        this.limit = concurrency;
        this.limits = limits;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.nextStart = ticker.nanos();
        this.lastRefill = nextStart;
        this.tokens = limits.tokensPerMinute();
    }

    /** Waits for a free slot, the next request start allowed by the rate, and a non-negative token bucket. */
    void acquire() throws InterruptedException {
        long wait;
        lock.lock();
        try {
            while (inFlight >= limit) {
                freed.await();
            }
            inFlight++;
            long now = ticker.nanos();
            wait = 0;
            if (limits.requestsPerMinute() > 0) {
                long start = Math.max(now, nextStart);
                nextStart = start + 60_000_000_000L / limits.requestsPerMinute();
                wait = start - now;
            }
            if (limits.tokensPerMinute() > 0) {
                refill(now);
                if (tokens < 0) {
                    double perNano = limits.tokensPerMinute() / 60e9;
                    wait = Math.max(wait, (long) Math.ceil(-tokens / perNano));
                }
            }
        } finally {
            lock.unlock();
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /**
     * One acquired slot, freed once: as soon as the target has answered (so grading and writing the answer do not
     * hold a request slot) or, at the latest, when the case is done. Used by the one thread that runs the case.
     */
    final class Slot {
        private boolean freed;

        void free(Integer tokensUsed) {
            if (!freed) {
                freed = true;
                release(tokensUsed);
            }
        }
    }

    /** {@link #acquire()}, as a slot that is freed once. */
    Slot slot() throws InterruptedException {
        acquire();
        return new Slot();
    }

    /** A call finished: frees its slot and drains the tokens it used. */
    void release(Integer tokensUsed) {
        lock.lock();
        try {
            inFlight--;
            if (limits.tokensPerMinute() > 0 && tokensUsed != null) {
                refill(ticker.nanos());
                tokens -= tokensUsed;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A call was answered with a rate limit: adaptive throttles halve their concurrency. */
    void rateLimited() {
        if (!limits.adaptive()) {
            return;
        }
        lock.lock();
        try {
            limit = Math.max(1, limit / 2);
            successes = 0;
        } finally {
            lock.unlock();
        }
    }

    /** A call succeeded: adaptive throttles grow back by one after {@code limit} successes in a row. */
    void succeeded() {
        if (!limits.adaptive()) {
            return;
        }
        lock.lock();
        try {
            if (limit < max && ++successes >= limit) {
                limit++;
                successes = 0;
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    private void refill(long now) {
        double perNano = limits.tokensPerMinute() / 60e9;
        tokens = Math.min(limits.tokensPerMinute(), tokens + (now - lastRefill) * perNano);
        lastRefill = now;
    }
}
