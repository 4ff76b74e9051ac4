package dev.anzen.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints history rows as one trend table per target, oldest run first, with the change since the previous run. */
public final class HistoryTable {
    private HistoryTable() {
    }

    public static void print(List<History.Row> rows, PrintWriter out) {
        Map<String, List<History.Row>> byTarget = new LinkedHashMap<>();
        for (History.Row r : rows) {
            byTarget.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r);
        }
        String fmt = "  %-20s  %-24s  %6s  %-13s  %6s  %6s  %8s  %8s  %6s  %6s  %9s  %s%n";
        boolean first = true;
        for (Map.Entry<String, List<History.Row>> e : byTarget.entrySet()) {
            List<History.Row> rs = e.getValue();
            if (!first) {
                out.println();
            }
            first = false;
            History.Row last = rs.get(rs.size() - 1);
            out.println(e.getKey() + (last.kind().equals("reference") ? " (reference)" : "") + ": " + rs.size()
                    + " run(s)");
            out.printf(Locale.ROOT, fmt, "date", "run", "score", "95% CI", "JA", "EN", "JA−EN", "p (JA/EN)",
                    "cases", "errors", "change", "suites");
            History.Row prev = null;
            for (History.Row r : rs) {
                String change = prev == null ? "" : points(r.score() - prev.score());
                String suites = prev == null ? abbrev(r.suiteHash())
                        : r.suiteHash().equals(prev.suiteHash()) ? "same" : abbrev(r.suiteHash()) + " (changed)";
                out.printf(Locale.ROOT, fmt, seconds(r.date()), r.runId(), pct(r.score()), range(r.scoreCi()),
                        pct(r.jaScore()), pct(r.enScore()), points(r.jaEnGap()), p(r.jaEnP()), r.cases(), r.errors(),
                        change, suites);
                prev = r;
            }
        }
        out.println("change = score minus the previous run's; compare runs only where the suites are the same, and use "
                + "'anzen compare' for a paired test.");
        out.flush();
    }

    /** An ISO instant to the second (2026-11-23T08:11:01Z); anything else as it is. */
    private static String seconds(String date) {
        try {
            return java.time.Instant.parse(date).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return date;
        }
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f%%", d * 100);
    }

    private static String range(Interval i) {
        return i.defined() ? String.format(Locale.ROOT, "%.1f–%.1f%%", i.low() * 100, i.high() * 100) : "-";
    }

    private static String points(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%+.1fpt", d * 100);
    }

    private static String p(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.4g", p);
    }

    private static String abbrev(String h) {
        return h == null || h.isEmpty() ? "-" : h.length() > 12 ? h.substring(0, 12) : h;
    }
}
