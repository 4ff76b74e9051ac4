package dev.anzen.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints a {@link Comparison} for the terminal: one line per compared rate, regressions marked. */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    /**
     * Prints the summary and the rows: every row when {@code all}, else the whole-target and per-language rows plus
     * the per-perspective rows where some answer changed.
     */
    public static void print(Comparison c, String baseName, String newName, boolean all, PrintWriter out) {
        out.printf(Locale.ROOT, "base %s → new %s: %d shared answer(s) compared; %d left out for an error in either "
                + "run; %d only in base; %d only in new.%n", baseName, newName, c.shared(), c.errors(),
                c.onlyInBase(), c.onlyInNew());
        List<Comparison.Row> shown = c.rows().stream()
                .filter(r -> all || r.perspective().equals(Comparison.ALL) || r.worsened() + r.improved() > 0)
                .toList();
        int w = "target".length();
        for (Comparison.Row r : shown) {
            w = Math.max(w, r.target().length());
        }
        String fmt = "%-" + w + "s  %-14s  %-4s  %-17s  %5s  %7s  %7s  %8s  %5s  %6s  %9s  %s";
        line(out, fmt, "target", "perspective", "lang", "metric", "n", "base", "new", "change",
                "worse", "better", c.settings().adjust() == Comparison.Adjust.HOLM ? "p (Holm)" : "p", "");
        for (Comparison.Row r : shown) {
            String flag = r.regression() ? "REGRESSION"
                    : r.p() < c.settings().alpha() && !r.metric().worse(r.delta()) && r.delta() != 0 ? "improved" : "";
            line(out, fmt, r.target(), r.perspective(), r.lang(), r.metric().id(), r.paired().n(),
                    pct(r.base()), pct(r.current()), points(r.delta()), r.worsened(), r.improved(), p(r.p()), flag);
        }
        long regressions = c.rows().stream().filter(Comparison.Row::regression).count();
        out.printf(Locale.ROOT, "%d significant regression(s) (alpha %s%s%s); exact McNemar test on paired answers.%n",
                regressions, trim(c.settings().alpha()),
                c.settings().minDelta() > 0 ? ", min-delta " + trim(c.settings().minDelta()) : "",
                c.settings().adjust() == Comparison.Adjust.HOLM ? ", Holm-adjusted" : "");
        out.flush();
    }

    /** One table line without trailing blanks. */
    private static void line(PrintWriter out, String fmt, Object... cells) {
        out.println(String.format(Locale.ROOT, fmt, cells).stripTrailing());
    }

    static String pct(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f%%", d * 100);
    }

    /** A change in percentage points with its sign. */
    static String points(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%+.1fpt", d * 100);
    }

    static String p(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.4g", p);
    }

    private static String trim(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
