package dev.anzen.cli;

import dev.anzen.judge.JudgePanel;
import dev.anzen.judge.JudgeTransport;
import dev.anzen.run.Defaults;
import dev.anzen.run.JudgeCalls;
import dev.anzen.run.ResponseCache;
import dev.anzen.run.RetryPolicy;
import dev.anzen.run.RunListener;
import dev.anzen.run.Sleeper;
import dev.anzen.run.Ticker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Glue for commands that call judges outside a run ({@code rescore}, {@code calibrate}). */
final class JudgeSetup {
    private JudgeSetup() {
    }

    /** The judge cache folder: {@code DIR/judgements} of the response cache folder the run would use. */
    static Path cacheDir(Path explicit, Function<String, String> env) {
        if (explicit != null) {
            return explicit.resolve("judgements");
        }
        Map<String, String> cacheEnv = new HashMap<>();
        for (String k : List.of("ANZEN_CACHE_DIR", "XDG_CACHE_HOME", "HOME")) {
            String v = env.apply(k);
            if (v != null) {
                cacheEnv.put(k, v);
            }
        }
        return ResponseCache.defaultDir(cacheEnv).map(d -> d.resolve("judgements")).orElse(null);
    }

    /** Judge calls with the run's default retry policy and concurrency, or a judge's own from the config. */
    static JudgeTransport transport(JudgePanel panel, Map<String, Integer> perJudge) {
        return new JudgeCalls(RetryPolicy.DEFAULT, Sleeper.system(), Ticker.system(), Defaults.SEED,
                Defaults.CONCURRENCY, perJudge, RunListener.NONE, new AtomicLong());
    }
}
