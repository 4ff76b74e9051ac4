package dev.anzen.cli;

import dev.anzen.report.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code anzen report RUN_DIR}: (re)writes a run's self-contained report.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write (or rewrite) a run's report.html: one self-contained page, viewable offline.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory (holds manifest.json, scores.jsonl and "
            + "responses.jsonl).")
    Path dir;

    @Option(names = "--max-cases", paramLabel = "N",
            description = "Most answers in the case browser (default: ${DEFAULT-VALUE}).")
    int maxCases = HtmlReport.MAX_CASES;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        if (maxCases < 0) {
            err.println("anzen: --max-cases must not be negative, not " + maxCases);
            return AnzenCli.BAD_INPUT;
        }
        HtmlReport.Result r;
        try {
            r = HtmlReport.write(dir, maxCases);
        } catch (IOException e) {
            err.println("anzen: cannot write the report of " + dir + ": " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        for (String t : r.tornLines()) {
            err.println("anzen: " + t + ": unreadable line skipped (torn by a crash?)");
        }
        out.printf("Report: %s (%d of %d answer(s) in the case browser)%n", r.file(), r.shownCases(), r.totalCases());
        return AnzenCli.OK;
    }
}
