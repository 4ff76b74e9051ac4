package dev.anzen.report;

import java.util.Locale;

/** Cell formatting shared by every CSV Anzen writes. */
public final class CsvCells {
    private CsvCells() {
    }

    /**
     * Neutralises spreadsheet formula injection: a text cell starting with {@code = + - @}, tab or CR gets a leading
     * apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of evaluating it. Numbers written by
     * {@link #rate} are never passed through here.
     */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + s;
        }
        return s;
    }

    /** Reverses {@link #text} when reading a cell back: drops the apostrophe put before a formula character. */
    public static String untext(String s) {
        if (s != null && s.length() > 1 && s.charAt(0) == '\'') {
            char c = s.charAt(1);
            if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
                return s.substring(1);
            }
        }
        return s;
    }

    /** A difference of rates with an explicit sign (+0.1250, -0.0500), or "" when undefined. */
    public static String signedRate(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%+.4f", d);
    }

    /** A p-value with 4 significant digits (0.02148, 1.000, 3.815e-06), or "" when undefined. */
    public static String pValue(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.4g", p);
    }

    /** A rate with 4 decimals (locale-independent), or "" when undefined. */
    public static String rate(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
    }
}
