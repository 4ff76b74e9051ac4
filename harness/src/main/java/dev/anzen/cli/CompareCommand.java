package dev.anzen.cli;

import dev.anzen.report.Comparison;
import dev.anzen.report.ComparisonTable;
import dev.anzen.report.JunitXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code anzen compare BASE_RUN NEW_RUN}: paired comparison of two runs, usable as a CI gate. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two runs on the answers they share (same target and case): per target × perspective × "
                + "language, the change of each rate with an exact McNemar p-value.",
                "Exit codes: 0 no significant regression (or no --fail-on-regression); 1 --fail-on-regression and a "
                        + "rate worsened significantly; 2 bad input (not a run directory, unreadable file, bad option, "
                        + "no shared answers)."})
final class CompareCommand implements Callable<Integer> {

    /** Exit code of a significant regression under --fail-on-regression. */
    static final int REGRESSION = 1;

    @Parameters(index = "0", paramLabel = "BASE_RUN", description = "The run to compare against (a run directory).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW_RUN", description = "The new run (a run directory).")
    Path current;

    @Option(names = "--fail-on-regression",
            description = "Exit 1 when some rate worsened significantly (safe_rate down, over_refusal_rate or asr up).")
    boolean failOnRegression;

    @Option(names = "--alpha", paramLabel = "P", description = "Significance level (default: ${DEFAULT-VALUE}).")
    double alpha = 0.05;

    @Option(names = "--min-delta", paramLabel = "D",
            description = "Smallest change of a rate that counts as a regression, as a fraction: 0.05 = 5 points "
                    + "(default: ${DEFAULT-VALUE}).")
    double minDelta = 0;

    @Option(names = "--adjust", paramLabel = "none|holm",
            description = "Adjust p-values for the many rows compared: none (default) or holm (Holm–Bonferroni).")
    String adjust = "none";

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML (a failed test per regression).")
    Path junit;

    @Option(names = "--all", description = "Print every row, not only the totals and the groups that changed.")
    boolean all;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Comparison.Adjust adj;
        switch (adjust) {
            case "none" -> adj = Comparison.Adjust.NONE;
            case "holm" -> adj = Comparison.Adjust.HOLM;
            default -> {
                err.println("anzen: --adjust: unknown value '" + adjust + "' (expected none or holm)");
                return AnzenCli.BAD_INPUT;
            }
        }
        Comparison.Settings settings;
        try {
            settings = new Comparison.Settings(alpha, minDelta, adj);
        } catch (IllegalArgumentException e) {
            err.println("anzen: " + e.getMessage().replace("alpha must", "--alpha must")
                    .replace("min-delta must", "--min-delta must"));
            return AnzenCli.BAD_INPUT;
        }
        Comparison c;
        try {
            c = Comparison.of(base, current, settings);
        } catch (IOException e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        for (String t : c.tornLines()) {
            err.println("anzen: " + t + ": unreadable line skipped (torn by a crash?)");
        }
        if (c.shared() == 0) {
            err.println("anzen: " + base + " and " + current + " share no scored answer (same target name and case "
                    + "id, no error in either): nothing to compare");
            return AnzenCli.BAD_INPUT;
        }
        ComparisonTable.print(c, base.toString(), current.toString(), all, out);
        if (junit != null) {
            try {
                JunitXml.write(c, base.toString(), current.toString(), junit);
                out.println("JUnit XML: " + junit);
            } catch (IOException e) {
                err.println("anzen: cannot write --junit " + junit + ": " + e.getMessage());
                return AnzenCli.BAD_INPUT;
            }
        }
        out.flush();
        return failOnRegression && c.anyRegression() ? REGRESSION : AnzenCli.OK;
    }
}
