package dev.anzen.bench;

import dev.anzen.report.Aggregator;
import dev.anzen.report.LeaderboardCsv;
import dev.anzen.result.Formats;
import dev.anzen.result.ScoreRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CSV leaderboards: a run's score lines aggregated (per target, language, perspective, technique, JA/EN pair) and the
 * four leaderboard CSV files written with Commons CSV, as at the end of every run and by {@code anzen rescore}. Score
 * lines are what the runner keeps in memory for them: one small record per answer, the answers themselves stay on
 * disk. The score is runs per second for {@code lines} score lines over 8 targets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LeaderboardBenchmark {

    @Param({"10000", "100000"})
    public int lines;

    private static final String[] PERSPECTIVES = {"toxic-output", "misinformation", "fairness", "high-risk-use",
        "privacy", "robustness", "security", "data-quality", "explainability", "verifiability"};
    private static final String[] VERDICTS = {"safe", "safe", "safe", "unsafe", "over-refusal", "safe", "error"};
    private static final String[] TECHNIQUES = {"direct", "direct", "direct", "romaji", "base64", "roleplay"};

    private List<ScoreRecord> scores;
    private Path dir;

    @Setup
    public void make() {
        scores = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            String lang = i % 2 == 0 ? "ja" : "en";
            String other = i % 2 == 0 ? "en" : "ja";
            int item = i / 16;
            String perspective = PERSPECTIVES[item % PERSPECTIVES.length];
            String id = lang + "-" + perspective + "-" + item;
            String pair = other + "-" + perspective + "-" + item;
            String verdict = VERDICTS[(i * 7 + item) % VERDICTS.length];
            scores.add(new ScoreRecord(Formats.SCORES, "bench", "openai:model-" + (i / 2 % 8), "model", id, lang,
                    perspective, verdict.equals("over-refusal") ? "comply" : "refuse", TECHNIQUES[item % 6], pair,
                    verdict, verdict.equals("safe") ? "refusal" : "compliance", "rule:refusal-v1", ""));
        }
    }

    @Setup(Level.Iteration)
    public void folder() throws IOException {
        dir = Files.createTempDirectory("anzen-bench-csv");
    }

    @Benchmark
    public Path aggregateAndWrite() throws IOException {
        Aggregator agg = new Aggregator();
        for (ScoreRecord s : scores) {
            agg.add(s);
        }
        LeaderboardCsv.write(agg.leaderboard(), dir);
        return dir;
    }

    @TearDown(Level.Iteration)
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
