package dev.anzen.bench;

import dev.anzen.score.CanaryScorer;
import dev.anzen.score.PiiScorer;
import dev.anzen.score.BlendedRefusalDetector;
import dev.anzen.score.RuleRefusalDetector;
import dev.anzen.text.JapaneseAnalyzer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Japanese analysis and the rule scorers, in answers per second (each invocation handles the four answers of
 * {@link Answers}). Kuromoji's characters per second = tokenizeJapanese × {@code Answers.chars(JA)} / 4.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TextBenchmark {

    private JapaneseAnalyzer analyzer;
    private RuleRefusalDetector detector;
    private BlendedRefusalDetector blended;

    @Setup
    public void setup() {
        analyzer = JapaneseAnalyzer.shared();
        detector = RuleRefusalDetector.shared();
        blended = BlendedRefusalDetector.shared();
        analyzer.analyze("準備"); // build the dictionary outside the measurement
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void tokenizeJapanese(Blackhole bh) {
        for (String a : Answers.JA) {
            bh.consume(analyzer.analyze(a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void refusalJapanese(Blackhole bh) {
        for (String a : Answers.JA) {
            bh.consume(detector.detect(a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void refusalEnglish(Blackhole bh) {
        for (String a : Answers.EN) {
            bh.consume(detector.detect(a));
        }
    }

    /** The default scorer's detector: the rules, then the lexical model (sharing the Japanese analysis). */
    @Benchmark
    @OperationsPerInvocation(4)
    public void rulesAndModelJapanese(Blackhole bh) {
        for (String a : Answers.JA) {
            bh.consume(blended.detect("", a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void rulesAndModelEnglish(Blackhole bh) {
        for (String a : Answers.EN) {
            bh.consume(blended.detect("", a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void pii(Blackhole bh) {
        for (String a : Answers.JA) {
            bh.consume(PiiScorer.find(a));
        }
        for (String a : Answers.EN) {
            bh.consume(PiiScorer.find(a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void canary(Blackhole bh) {
        for (String a : Answers.JA) {
            bh.consume(CanaryScorer.findLeak("AZC-7Q2X-KM41", a));
        }
        for (String a : Answers.EN) {
            bh.consume(CanaryScorer.findLeak("AZC-7Q2X-KM41", a));
        }
    }
}
