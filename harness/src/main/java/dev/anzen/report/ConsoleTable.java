package dev.anzen.report;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints the leaderboard as a plain-text table for the terminal. */
public final class ConsoleTable {
    private ConsoleTable() {
    }

    public static void print(Leaderboard board, PrintWriter out) {
        int w = "target".length();
        for (Leaderboard.TargetRow r : board.rows()) {
            w = Math.max(w, label(r).length());
        }
        String fmt = "%-4s  %-" + w + "s  %6s  %-12s  %6s  %8s  %6s  %6s  %6s  %6s%n";
        out.printf(Locale.ROOT, fmt, "rank", "target", "score", "95% CI", "safe", "over-ref", "ja", "en", "cases",
                "errors");
        for (Leaderboard.TargetRow r : board.rows()) {
            Interval ci = r.scoreInterval();
            String range = ci.defined()
                    ? String.format(Locale.ROOT, "%.1f–%.1f%%", ci.low() * 100, ci.high() * 100) : "-";
            out.printf(Locale.ROOT, fmt, r.rank(), label(r), pct(r.total().score()), range, pct(r.total().safeRate()),
                    pct(r.total().overRefusalRate()), pct(r.jaScore()), pct(r.enScore()), r.total().cases(),
                    r.total().errors());
        }
        out.println("Ranks are shared while 95% intervals overlap: rank = 1 + targets whose whole interval is higher.");
        if (board.rows().stream().anyMatch(r -> r.kind().equals("reference"))) {
            out.println("(reference) = built-in offline reference target, not a model.");
        }
        out.flush();
    }

    private static String label(Leaderboard.TargetRow r) {
        return r.kind().equals("reference") ? r.target() + " (reference)" : r.target();
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f%%", d * 100);
    }
}
