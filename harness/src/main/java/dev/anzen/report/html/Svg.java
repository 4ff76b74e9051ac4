package dev.anzen.report.html;

import java.util.List;
import java.util.Locale;

/**
 * The report's charts as inline SVG, built here so the page needs no script to show them and no library from the
 * network. Every label goes through {@link Html#text}.
 */
final class Svg {

    /** One heat-map cell: a rate in [0, 1] (NaN = no data), the text shown in it and its tooltip. */
    record Cell(double value, String text, String tooltip) {
    }

    /** One group of the JA vs EN chart: a target's two scores with their intervals and the paired test's note. */
    record Pair(String label, double ja, double jaLow, double jaHigh, double en, double enLow, double enHigh,
                String note, String tooltip) {
    }

    private static final int CELL_W = 72;
    private static final int CELL_H = 26;
    private static final double CHAR_W = 7.2; // average glyph width of the 12px sans-serif labels

    private Svg() {
    }

    /**
     * A heat map: one row per {@code rows} label, one column per {@code cols} label. Green is good: when
     * {@code higherIsBetter} is false (attack success) a high value is red.
     */
    static String heatMap(String id, String title, List<String> rows, List<String> rowTips, List<String> cols,
                          Cell[][] cells, boolean higherIsBetter) {
        int left = 12 + (int) Math.ceil(CHAR_W * rows.stream().mapToInt(r -> shown(r).length()).max().orElse(4));
        int longestCol = cols.stream().mapToInt(c -> shown(c).length()).max().orElse(4);
        int rise = (int) Math.ceil(CHAR_W * 0.72 * longestCol); // labels rotated 45°: about 0.7 of their length
        int top = 20 + rise;
        int width = left + cols.size() * CELL_W + rise + 8;
        int height = top + rows.size() * CELL_H + 8;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart heatmap\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", Html.text(id),
                width, height, width, height, Html.text(title)));
        b.append("<title>").append(Html.text(title)).append("</title>");
        for (int c = 0; c < cols.size(); c++) {
            double x = left + c * CELL_W + CELL_W / 2.0;
            b.append(String.format(Locale.ROOT, "<text class=\"col\" x=\"%.1f\" y=\"%d\" transform=\"rotate(-45 %.1f %d)\">",
                    x, top - 6, x, top - 6)).append("<title>").append(Html.text(cols.get(c))).append("</title>")
                    .append(Html.text(shown(cols.get(c)))).append("</text>");
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = top + r * CELL_H;
            b.append(String.format(Locale.ROOT, "<text class=\"row\" x=\"%d\" y=\"%d\">", left - 8, y + CELL_H / 2 + 4));
            if (rowTips != null && rowTips.get(r) != null) {
                b.append("<title>").append(Html.text(rowTips.get(r))).append("</title>");
            }
            b.append(Html.text(shown(rows.get(r)))).append("</text>");
            for (int c = 0; c < cols.size(); c++) {
                Cell cell = cells[r][c];
                int x = left + c * CELL_W;
                double v = cell == null ? Double.NaN : cell.value();
                double goodness = higherIsBetter ? v : 1 - v;
                b.append(String.format(Locale.ROOT, "<g class=\"cell\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"%s\"/>", x + 1, y + 1, CELL_W - 2, CELL_H - 2, colour(goodness)));
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">", x + CELL_W / 2,
                        y + CELL_H / 2 + 4, ink(goodness)));
                b.append(Html.text(cell == null ? "–" : cell.text())).append("</text>");
                if (cell != null && cell.tooltip() != null) {
                    b.append("<title>").append(Html.text(cell.tooltip())).append("</title>");
                }
                b.append("</g>");
            }
        }
        return b.append("</svg>").toString();
    }

    /**
     * Grouped horizontal bars: per target the Japanese and the English score with 95 % whiskers, and a note (the paired
     * gap and its p-value) at the right.
     */
    static String jaEnBars(String id, String title, List<Pair> groups) {
        int left = 12 + (int) Math.ceil(CHAR_W * groups.stream().mapToInt(g -> shown(g.label()).length()).max()
                .orElse(6));
        int plot = 420;
        int noteW = 250;
        int bar = 14;
        int groupH = 2 * bar + 18;
        int top = 28;
        int width = left + plot + noteW;
        int height = top + groups.size() * groupH + 30;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", Html.text(id),
                width, height, width, height, Html.text(title)));
        b.append("<title>").append(Html.text(title)).append("</title>");
        // legend and axis
        b.append(String.format(Locale.ROOT, "<rect class=\"ja\" x=\"%d\" y=\"6\" width=\"12\" height=\"12\"/>"
                + "<text x=\"%d\" y=\"16\">日本語 (JA)</text><rect class=\"en\" x=\"%d\" y=\"6\" width=\"12\" height=\"12\"/>"
                + "<text x=\"%d\" y=\"16\">English (EN)</text>", left, left + 16, left + 120, left + 136));
        int axisY = top + groups.size() * groupH + 4;
        for (int t = 0; t <= 100; t += 25) {
            double x = left + plot * t / 100.0;
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%d%%</text>", x, top - 4, x, axisY, x, axisY + 14, t));
        }
        for (int i = 0; i < groups.size(); i++) {
            Pair g = groups.get(i);
            int y = top + i * groupH;
            b.append("<g class=\"group\">");
            if (g.tooltip() != null) {
                b.append("<title>").append(Html.text(g.tooltip())).append("</title>");
            }
            b.append(String.format(Locale.ROOT, "<text class=\"row\" x=\"%d\" y=\"%d\">", left - 8, y + bar + 4))
                    .append(Html.text(shown(g.label()))).append("</text>");
            bar(b, "ja", left, plot, y, bar, g.ja(), g.jaLow(), g.jaHigh());
            bar(b, "en", left, plot, y + bar + 2, bar, g.en(), g.enLow(), g.enHigh());
            b.append(String.format(Locale.ROOT, "<text class=\"note\" x=\"%d\" y=\"%d\">", left + plot + 10,
                    y + bar + 4)).append(Html.text(g.note())).append("</text>");
            b.append("</g>");
        }
        return b.append("</svg>").toString();
    }

    private static void bar(StringBuilder b, String cls, int left, int plot, int y, int h, double v, double lo,
                            double hi) {
        if (Double.isNaN(v)) {
            b.append(String.format(Locale.ROOT, "<text class=\"none\" x=\"%d\" y=\"%d\">no %s cases</text>", left + 4,
                    y + h - 3, cls.toUpperCase(Locale.ROOT)));
            return;
        }
        b.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>", cls,
                left, y, Math.max(1, plot * v), h));
        if (!Double.isNaN(lo)) {
            double x1 = left + plot * lo;
            double x2 = left + plot * hi;
            double cy = y + h / 2.0;
            b.append(String.format(Locale.ROOT, "<path class=\"whisker\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
                    x1, cy, x2, x1, cy - 4, cy + 4, x2, cy - 4, cy + 4));
        }
        b.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%d\">%.1f%%</text>",
                left + plot * (Double.isNaN(hi) ? v : hi) + 6, y + h - 3, v * 100));
    }

    /** Longest label drawn; a longer one is cut with an ellipsis (the tooltip has it whole). */
    static final int MAX_LABEL = 32;

    static String shown(String label) {
        if (label.length() <= MAX_LABEL) {
            return label;
        }
        int end = Character.isHighSurrogate(label.charAt(MAX_LABEL - 2)) ? MAX_LABEL - 2 : MAX_LABEL - 1;
        return label.substring(0, end) + "…";
    }

    /** Red (0) through yellow (0.5) to green (1); grey for no data. */
    static String colour(double goodness) {
        if (Double.isNaN(goodness)) {
            return "#e5e5e5";
        }
        double g = Math.max(0, Math.min(1, goodness));
        int[] red = {215, 48, 39};
        int[] yellow = {254, 224, 139};
        int[] green = {26, 152, 80};
        int[] from = g < 0.5 ? red : yellow;
        int[] to = g < 0.5 ? yellow : green;
        double t = g < 0.5 ? g / 0.5 : (g - 0.5) / 0.5;
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(from[0], to[0], t), mix(from[1], to[1], t),
                mix(from[2], to[2], t));
    }

    private static String ink(double goodness) {
        return Double.isNaN(goodness) || (goodness > 0.25 && goodness < 0.85) ? "#111" : "#fff";
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
