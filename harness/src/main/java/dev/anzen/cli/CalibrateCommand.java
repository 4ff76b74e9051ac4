package dev.anzen.cli;

import dev.anzen.config.Config;
import dev.anzen.judge.Calibration;
import dev.anzen.judge.Judge;
import dev.anzen.judge.JudgePanel;
import dev.anzen.suite.SuiteProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anzen calibrate}: measures judges against human labels, per language. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Grade human-labelled answers with the judges and measure their agreement with the labels, "
                + "per language: accuracy, precision/recall for unsafe, Cohen's kappa vs the labels, Fleiss' kappa "
                + "among the judges, confusion matrices.",
                "Input: JSONL as for 'anzen score' (lang, prompt, response, expected, perspective; optional system, "
                        + "canary, notes, id) plus a human \"label\": safe, unsafe, over-refusal or partial.",
                "Writes calibration.csv, calibration-confusion.csv and calibration.json into --out."})
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Labelled JSONL file.")
    Path labels;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder for calibration.csv and the other files (default: the current folder).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file with judges: (see README).")
    Path config;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache folder for judge verdicts (default: as for 'anzen run').")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write cached judge verdicts.")
    boolean noCache;

    @CommandLine.Mixin
    JudgeOptions judging = new JudgeOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (judging.judgeAll || judging.allowSelfJudge) {
            // calibrate grades every labelled answer and judges no target: say so rather than ignore the option
            err.println("anzen: calibrate: " + (judging.judgeAll ? "--judge-all" : "--allow-self-judge")
                    + " does not apply (every labelled answer is graded, and there is no target to be judged)");
            return AnzenCli.BAD_INPUT;
        }
        Config cfg = AnzenCli.loadConfig(config, err);
        if (cfg == null) {
            return AnzenCli.BAD_INPUT;
        }
        JudgePanel panel;
        java.util.Map<String, Integer> perJudge;
        try {
            panel = judging.panel(cfg, List.of(), noCache ? null : JudgeSetup.cacheDir(cacheDir, RunCommand.env),
                    false, RunCommand.env);
            perJudge = judging.concurrency(cfg);
        } catch (JudgeOptions.Invalid e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        if (panel == null) {
            err.println("anzen: calibrate needs at least one --judge (or judges: in the config)");
            return AnzenCli.BAD_INPUT;
        }
        List<SuiteProblem> problems = new ArrayList<>();
        List<Calibration.Item> items;
        try {
            items = Calibration.read(labels, problems);
        } catch (NoSuchFileException e) {
            err.println("anzen: --labels: no such file: " + labels);
            return AnzenCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("anzen: --labels: cannot read " + labels + ": " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("anzen: " + p));
            return AnzenCli.BAD_INPUT;
        }
        if (items.isEmpty()) {
            err.println("anzen: --labels: " + labels + " holds no labelled answers");
            return AnzenCli.BAD_INPUT;
        }
        err.printf("anzen: calibrating %d judge(s) on %d labelled answer(s) from %s%n", panel.judges().size(),
                items.size(), labels);
        Calibration.Report report;
        try {
            List<Calibration.Graded> graded = Calibration.grade(items, panel, JudgeSetup.transport(panel, perJudge));
            report = Calibration.report(graded, panel.judges().stream().map(Judge::id).toList(), panel.scorerId());
            Calibration.write(report, out, labels, panel, Clock.systemUTC());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("anzen: interrupted");
            return AnzenCli.INTERNAL;
        } catch (IOException e) {
            err.println("anzen: cannot write to " + out + ": " + e.getMessage());
            return AnzenCli.INTERNAL;
        }
        Calibration.print(report, outw);
        long calls = panel.judges().stream().mapToLong(Judge::calls).sum();
        long hits = panel.judges().stream().mapToLong(Judge::cacheHits).sum();
        outw.printf("%nWrote %s (calibration.csv, calibration-confusion.csv, calibration.json); %d judge request(s), "
                + "%d cached verdict(s).%n", out, calls, hits);
        outw.flush();
        return AnzenCli.OK;
    }
}
