package dev.anzen.cli;

import dev.anzen.attack.Attacks;
import dev.anzen.config.Config;
import dev.anzen.report.ConsoleTable;
import dev.anzen.run.Defaults;
import dev.anzen.run.RunOptions;
import dev.anzen.run.RunResult;
import dev.anzen.run.Runner;
import dev.anzen.score.RuleScorer;
import dev.anzen.suite.Case;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import dev.anzen.suite.Suite;
import dev.anzen.suite.SuiteException;
import dev.anzen.suite.SuiteLoader;
import dev.anzen.suite.SuiteProblem;
import dev.anzen.target.Provider;
import dev.anzen.target.Target;
import dev.anzen.target.TargetConfigException;
import dev.anzen.target.TargetSpec;
import dev.anzen.target.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anzen run}: suites × targets → results directory and leaderboards. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run prompt suites against targets and write a leaderboard.",
                "With no options: prompts-ja and prompts-en against the built-in reference targets (offline)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-t", "--target"}, paramLabel = "SPEC",
            description = "openai:MODEL, ollama:MODEL (e.g. ollama:qwen2.5:7b) or builtin:comply|refuse|guarded. "
                    + "Repeatable. Default: the config's targets, else the three built-in reference targets.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-s", "--suite"}, paramLabel = "PATH",
            description = "Suite file or directory of *.jsonl files. Repeatable. Default: prompts-ja and prompts-en.")
    List<Path> suites = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "ja|en", description = "Only cases in this language. Repeatable.")
    List<String> langs = new ArrayList<>();

    @Option(names = {"-p", "--perspective"}, paramLabel = "ID", description = "Only this perspective. Repeatable.")
    List<String> perspectives = new ArrayList<>();

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N",
            description = "Requests in flight per target (default: " + Defaults.CONCURRENCY + ").")
    Integer concurrency;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Endpoint for the openai:/ollama: targets named with --target "
                    + "(default: OPENAI_BASE_URL / OLLAMA_HOST, else the provider's own).")
    String baseUrl;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Run directory to write (default: results/<run-id>).")
    Path out;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only shard K of N of the (target, case) work (a CI matrix or Kubernetes Indexed Job); "
                    + "join the shards with 'anzen merge'.")
    String shard;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue a killed run in RUN_DIR with the same arguments: finished cases are not sent again.")
    Path resume;

    @Option(names = "--force", description = "With --resume: continue even if suites, targets or settings changed.")
    boolean force;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Response cache folder (default: ANZEN_CACHE_DIR, $XDG_CACHE_HOME/anzen or ~/.cache/anzen).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
    boolean noCache;

    @Option(names = "--refresh-cache", description = "Ask the models again and overwrite their cached answers.")
    boolean refreshCache;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see README).")
    Path config;

    @Option(names = {"-a", "--attack"}, paramLabel = "NAME[,NAME...]", split = ",",
            description = "Also run attacked variants of the refuse/safe-complete cases: transform names, chains "
                    + "joined by '+' (base64+roleplay), or 'all'. See 'anzen attacks'. Default: none.")
    List<String> attacks = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the attack transforms (default: " + Defaults.SEED + ").")
    Long seed;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Append this run's leaderboard rows to FILE (default: history.csv beside the run directory, "
                    + "i.e. results/history.csv).")
    Path history;

    @Option(names = "--no-history", description = "Do not append to a history file.")
    boolean noHistory;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @CommandLine.Mixin
    ScorerOption scoring = new ScorerOption();

    @CommandLine.Mixin
    JudgeOptions judging = new JudgeOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Environment lookup; tests replace it. */
    static Function<String, String> env = System::getenv;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        // The scorer (Kuromoji's dictionaries, the rules' patterns, the model's weights) is built on another core while
        // the config, targets and suites load; the run's own call below waits for it if it is not done. A failure
        // there is left to that call to report.
        if (!scoring.valid(err)) {
            return AnzenCli.BAD_INPUT;
        }
        Thread.ofPlatform().daemon().name("anzen-scorer-init").start(() -> {
            try {
                RuleScorer.named(scoring.name);
            } catch (Throwable ignored) {
                // reported by the run's own call
            }
        });
        Config cfg = AnzenCli.loadConfig(config, err);
        if (cfg == null) {
            return AnzenCli.BAD_INPUT;
        }
        // targets
        List<TargetSpec> specs = new ArrayList<>();
        try {
            specs = targetSpecs(cfg);
        } catch (IllegalArgumentException e) {
            err.println("anzen: --target: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        List<Target> built = new ArrayList<>();
        Map<String, Integer> perTarget = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (TargetSpec s : specs) {
            if (!names.add(s.name())) {
                err.println("anzen: target '" + s.name() + "' is named twice; give one of them a different name "
                        + "in the config ('name:')");
                return AnzenCli.BAD_INPUT;
            }
            try {
                built.add(Targets.create(s, env));
            } catch (TargetConfigException e) {
                err.println("anzen: " + e.getMessage());
                return AnzenCli.BAD_INPUT;
            }
            if (s.concurrency() != null) {
                perTarget.put(s.name(), s.concurrency());
            }
        }
        // filters
        Set<Lang> langFilter = new LinkedHashSet<>();
        for (String l : langs) {
            langFilter.add(Lang.fromCode(l).orElse(null));
            if (Lang.fromCode(l).isEmpty()) {
                err.println("anzen: --lang: unknown value '" + l + "' (expected ja or en)");
                return AnzenCli.BAD_INPUT;
            }
        }
        Set<Perspective> perspectiveFilter = new LinkedHashSet<>();
        for (String p : perspectives) {
            var found = Perspective.fromId(p);
            if (found.isEmpty()) {
                err.println("anzen: --perspective: unknown value '" + p + "' (expected one of: "
                        + Perspective.allIds() + ")");
                return AnzenCli.BAD_INPUT;
            }
            perspectiveFilter.add(found.get());
        }
        // suites
        List<Path> suitePaths = !suites.isEmpty() ? suites : !cfg.suites().isEmpty() ? cfg.suites() : defaultSuites();
        List<Suite> loaded;
        try {
            loaded = SuiteLoader.load(suitePaths).orThrow();
        } catch (SuiteException e) {
            List<SuiteProblem> ps = e.problems();
            ps.stream().limit(50).forEach(p -> err.println("anzen: " + p));
            if (ps.size() > 50) {
                err.println("anzen: ... and " + (ps.size() - 50) + " more; run 'anzen validate' for the full list");
            }
            return AnzenCli.BAD_INPUT;
        }
        List<Case> cases = loaded.stream().flatMap(s -> s.cases().stream())
                .filter(c -> langFilter.isEmpty() || langFilter.contains(c.lang()))
                .filter(c -> perspectiveFilter.isEmpty() || perspectiveFilter.contains(c.perspective()))
                .toList();
        List<Attacks.Attack> attackList;
        try {
            attackList = Attacks.parse(!attacks.isEmpty() ? attacks : cfg.attacks());
        } catch (IllegalArgumentException e) {
            err.println("anzen: --attack: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        long runSeed = seed != null ? seed : Defaults.SEED;
        int baseCases = cases.size();
        cases = Attacks.expand(cases, attackList, runSeed);
        if (cases.isEmpty()) {
            err.println("anzen: no cases to run: the suites " + suitePaths + " hold " + loaded.stream()
                    .mapToInt(s -> s.cases().size()).sum() + " case(s), none matching --lang/--perspective");
            return AnzenCli.BAD_INPUT;
        }
        // output
        Clock clock = Clock.systemUTC();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant())
                + "-" + HexFormat.of().formatHex(SecureRandom.getSeed(2));
        if (resume != null && out != null && !out.equals(resume)) {
            err.println("anzen: --resume writes into the run's own directory; drop --out");
            return AnzenCli.BAD_INPUT;
        }
        Path dir = resume != null ? resume : out != null ? out : (cfg.out() != null ? cfg.out() : Defaults.RESULTS).resolve(runId);
        int conc = concurrency != null ? concurrency : cfg.concurrency() != null ? cfg.concurrency() : Defaults.CONCURRENCY;
        if (conc < 1) {
            err.println("anzen: --concurrency: must be at least 1, not " + conc);
            return AnzenCli.BAD_INPUT;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("langs", langs);
        settings.put("perspectives", perspectives);
        settings.put("config", config == null ? null : config.toString());
        settings.put("attacks", attackList.stream().map(Attacks.Attack::name).toList());
        settings.put("seed", runSeed);
        dev.anzen.run.ResponseCache cache = null;
        if (!noCache) {
            Map<String, String> cacheEnv = new java.util.HashMap<>();
            for (String k : List.of("ANZEN_CACHE_DIR", "XDG_CACHE_HOME", "HOME")) {
                String v = env.apply(k);
                if (v != null) {
                    cacheEnv.put(k, v);
                }
            }
            Path cd = cacheDir != null ? cacheDir : dev.anzen.run.ResponseCache.defaultDir(cacheEnv).orElse(null);
            cache = cd == null ? null : new dev.anzen.run.ResponseCache(cd, !refreshCache);
        }
        settings.put("cache", cache == null ? null : cache.dir().toString());
        dev.anzen.run.Shard slice;
        try {
            slice = shard == null ? dev.anzen.run.Shard.ALL : dev.anzen.run.Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            err.println("anzen: --shard: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        settings.put("shard", slice.toString());
        dev.anzen.judge.JudgePanel panel;
        try {
            panel = judging.panel(cfg, built.stream().map(Target::info).toList(),
                    noCache || cache == null ? null : cache.dir().resolve("judgements"), refreshCache, env);
            judging.concurrency(cfg).forEach(perTarget::putIfAbsent); // judge calls look up their limit by name
        } catch (JudgeOptions.Invalid e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        RunOptions opts = new RunOptions(built, perTarget, conc, dir, runId, clock, null, settings, null, null, runSeed,
                cache, slice);
        RuleScorer scorer = scoring.scorer(err);
        if (scorer == null) {
            return AnzenCli.BAD_INPUT;
        }
        Runner runner = new Runner(scorer, panel);
        err.printf("anzen: %s %s: %d case(s)%s × %d target(s) → %s%n", resume != null ? "resuming run in" : "run",
                resume != null ? dir.toString() : runId, cases.size(),
                cases.size() > baseCases ? " (" + baseCases + " + " + (cases.size() - baseCases) + " attacked variants)" : "",
                built.size(), dir);
        Thread hook = new Thread(runner::markInterrupted, "anzen-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult result;
        try {
            dev.anzen.run.RunListener listener = quiet ? dev.anzen.run.RunListener.NONE
                    : new ProgressReporter(err, ProgressReporter.isTerminal());
            result = resume != null ? runner.resume(loaded, cases, opts, listener, force)
                    : runner.run(loaded, cases, opts, listener);
        } catch (IllegalArgumentException e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("anzen: cannot write results to " + dir + ": " + e.getMessage());
            return AnzenCli.INTERNAL;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        ConsoleTable.print(result.leaderboard(), outw);
        outw.printf("%nResults: %s (report.html, leaderboard.csv, leaderboard-by-perspective.csv, "
                + "leaderboard-by-technique.csv, leaderboard-ja-en.csv, responses.jsonl, scores.jsonl, manifest.json)%n",
                dir);
        if (!noHistory) {
            HistoryCommand.appendRun(history != null ? history : HistoryCommand.defaultFor(dir), dir,
                    result.leaderboard(), outw, err);
        }
        outw.flush();
        long ungraded = result.leaderboard().rows().stream().mapToLong(r -> r.total().judgeFailures()).sum();
        if (result.errors() - ungraded > 0) {
            err.printf("anzen: %d of %d request(s) failed; they are recorded as 'error' (see responses.jsonl)%n",
                    result.errors() - ungraded, result.responses());
        }
        if (ungraded > 0) {
            err.printf("anzen: %d answer(s) got no usable verdict from the judges; they are recorded as 'error' "
                    + "(the judges' reasons are in scores.jsonl)%n", ungraded);
        }
        if (!result.failedTargets().isEmpty()) {
            result.failedTargets().forEach((t, why) -> err.println("anzen: target " + t + " answered nothing: " + why));
            return AnzenCli.TARGET_FAILED;
        }
        return AnzenCli.OK;
    }

    private List<TargetSpec> targetSpecs(Config cfg) {
        List<TargetSpec> specs = new ArrayList<>();
        if (!targets.isEmpty()) {
            for (String t : targets) {
                TargetSpec fromConfig = cfg.targets().stream()
                        .filter(c -> c.name().equals(t) || (c.provider().id() + ":" + c.model()).equals(t))
                        .findFirst().orElse(null);
                TargetSpec s = fromConfig != null ? fromConfig : TargetSpec.parse(t);
                if (baseUrl != null && s.provider() != Provider.BUILTIN) {
                    s = s.withBaseUrl(baseUrl);
                }
                specs.add(s);
            }
            return specs;
        }
        if (!cfg.targets().isEmpty()) {
            return cfg.targets();
        }
        for (String t : Defaults.TARGETS) {
            specs.add(TargetSpec.parse(t));
        }
        return specs;
    }

    /** prompts-ja and prompts-en in the working directory, else in ANZEN_HOME (set by the launcher). */
    private static List<Path> defaultSuites() {
        List<Path> out = new ArrayList<>();
        String home = env.apply("ANZEN_HOME");
        for (Path p : Defaults.SUITES) {
            if (!Files.exists(p) && home != null && Files.exists(Path.of(home).resolve(p))) {
                out.add(Path.of(home).resolve(p));
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
