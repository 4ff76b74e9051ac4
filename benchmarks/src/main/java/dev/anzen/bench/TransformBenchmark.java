package dev.anzen.bench;

import dev.anzen.attack.Attacks;
import dev.anzen.suite.Case;
import dev.anzen.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Attack transforms: the bundled Japanese and English suites expanded by {@code --attack} (every transform, or one
 * of them), as {@code anzen run --attack …} does before a run. The {@code variants} counter is attacked cases made per
 * second; the primary score is whole-suite expansions per second. Run it from the repository root (it reads
 * {@code prompts-ja/} and {@code prompts-en/}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransformBenchmark {

    /** {@code all} (every single transform), or one transform or chain by name. */
    @Param({"all", "romaji", "base64", "roleplay+prefix-injection"})
    public String attack;

    private List<Case> cases;
    private List<Attacks.Attack> attacks;
    private long seed;

    /** Attacked cases made, reported by JMH per second next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Made {
        public long variants;

        @Setup(Level.Iteration)
        public void reset() {
            variants = 0;
        }
    }

    @Setup
    public void load() throws IOException {
        List<Path> dirs = List.of(Path.of("prompts-ja"), Path.of("prompts-en"));
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalStateException("run TransformBenchmark from the repository root: no " + d.toAbsolutePath());
            }
        }
        SuiteLoader.Result r = SuiteLoader.load(SuiteLoader.expand(dirs));
        if (!r.problems().isEmpty()) {
            throw new IllegalStateException("bundled suites do not load: " + r.problems().get(0));
        }
        cases = r.cases();
        attacks = Attacks.parse(List.of(attack));
        int variants = Attacks.expand(cases, attacks, 1).size() - cases.size();
        System.out.printf("%n%d base cases, %d attacked variants per expansion with --attack %s%n", cases.size(),
                variants, attack);
    }

    @Benchmark
    public List<Case> expand(Made made) {
        List<Case> out = Attacks.expand(cases, attacks, seed++);
        made.variants += out.size() - cases.size();
        return out;
    }
}
