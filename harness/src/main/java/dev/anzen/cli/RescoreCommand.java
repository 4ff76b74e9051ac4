package dev.anzen.cli;

import dev.anzen.config.Config;
import dev.anzen.judge.JudgePanel;
import dev.anzen.report.ConsoleTable;
import dev.anzen.result.Json;
import dev.anzen.result.Manifest;
import dev.anzen.run.Rescorer;
import dev.anzen.score.RuleScorer;
import dev.anzen.suite.Case;
import dev.anzen.suite.SuiteLoader;
import dev.anzen.target.TargetInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code anzen rescore RUN_DIR}: re-scores saved responses with the rule scorer and judges; no target calls. */
@Command(name = "rescore", mixinStandardHelpOptions = true,
        description = "Re-score a run's saved responses with the current scorers, and with --judge the judges (no "
                + "calls to the targets), and rewrite its scores.jsonl, leaderboards and manifest.")
final class RescoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory (holds manifest.json and responses.jsonl).")
    Path dir;

    @CommandLine.Mixin
    JudgeOptions judging = new JudgeOptions();

    @CommandLine.Mixin
    ScorerOption scoring = new ScorerOption();

    @CommandLine.Option(names = "--cache", paramLabel = "DIR",
            description = "Cache folder for judge verdicts (default: as for 'anzen run').")
    Path cacheDir;

    @CommandLine.Option(names = "--no-cache", description = "Neither read nor write cached judge verdicts.")
    boolean noCache;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file with judges: (see README), as for 'anzen run'.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        Rescorer.Result r;
        JudgePanel panel;
        RuleScorer scorer = scoring.scorer(err);
        if (scorer == null) {
            return AnzenCli.BAD_INPUT;
        }
        Config cfg = AnzenCli.loadConfig(config, err);
        if (cfg == null) {
            return AnzenCli.BAD_INPUT;
        }
        try {
            panel = judging.panel(cfg, judgedTargets(), noCache ? null
                    : JudgeSetup.cacheDir(cacheDir, RunCommand.env), false, RunCommand.env);
        } catch (JudgeOptions.Invalid e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        try {
            r = panel == null ? Rescorer.rescore(dir, scorer, Clock.systemUTC())
                    : Rescorer.rescore(dir, scorer, panel,
                    JudgeSetup.transport(panel, Map.of()), knownCases(err), Clock.systemUTC());
        } catch (NoSuchFileException e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("anzen: cannot rescore " + dir + ": " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        for (String t : r.tornLines()) {
            err.println("anzen: " + t + ": unreadable line skipped (torn by a crash?)");
        }
        ConsoleTable.print(r.leaderboard(), out);
        out.printf("%nRescored %d response(s) in %s with %s; %d verdict(s) changed.%n", r.responses(), dir,
                scorer.id() + (panel == null ? "" : " and " + panel.judges().size() + " judge(s) ("
                        + panel.policy().id() + ")"), r.changed());
        return AnzenCli.OK;
    }

    /**
     * The run's cases from its suites, where they are still at hand and unchanged (same SHA-256): their notes are the
     * judges' criteria, which responses.jsonl does not keep. A missing or changed suite is reported, not fatal.
     */
    private Map<String, Case> knownCases(PrintWriter err) {
        Map<String, Case> known = new HashMap<>();
        Manifest m;
        try {
            m = Json.MAPPER.readValue(dir.resolve("manifest.json").toFile(), Manifest.class);
        } catch (IOException e) {
            return known; // Rescorer reports the missing or unreadable manifest
        }
        for (Manifest.SuiteEntry s : m.suites() == null ? List.<Manifest.SuiteEntry>of() : m.suites()) {
            Path f = Path.of(s.path());
            SuiteLoader.Result loaded = Files.isRegularFile(f) ? SuiteLoader.load(List.of(f)) : null;
            boolean same = loaded != null && loaded.problems().isEmpty() && loaded.suites().size() == 1
                    && loaded.suites().get(0).sha256().equals(s.sha256());
            if (!same) {
                err.println("anzen: suite " + s.path() + " is " + (loaded == null ? "missing" : "changed since the run")
                        + "; the judges grade its answers without the cases' notes as criteria");
                continue;
            }
            loaded.suites().get(0).cases().forEach(c -> known.put(c.id(), c));
        }
        return known;
    }

    /** The run's targets from its manifest, so a judge that is one of them is refused as in 'anzen run'. */
    private List<TargetInfo> judgedTargets() {
        try {
            Manifest m = Json.MAPPER.readValue(dir.resolve("manifest.json").toFile(), Manifest.class);
            return m.targets().stream().map(t -> new TargetInfo(t.id(), t.provider(), t.model(), t.baseUrl(),
                    t.apiKeyEnv(), "reference".equals(t.kind()), t.parameters(), 0)).toList();
        } catch (IOException e) {
            return List.of(); // Rescorer reports the missing or unreadable manifest
        }
    }
}
