package dev.anzen.judge;

/** Chance-corrected agreement: Cohen's kappa between two raters, Fleiss' kappa among several. */
public final class Kappa {
    private Kappa() {
    }

    /**
     * Cohen's kappa from a square confusion matrix ({@code m[i][j]}: items rater A put in category i and rater B in
     * category j): (p_o − p_e) / (1 − p_e). NaN when there are no items or chance agreement is already total.
     */
    public static double cohen(long[][] m) {
        int k = m.length;
        long n = 0;
        long agree = 0;
        long[] rows = new long[k];
        long[] cols = new long[k];
        for (int i = 0; i < k; i++) {
            if (m[i].length != k) {
                throw new IllegalArgumentException("confusion matrix must be square: row " + i + " has "
                        + m[i].length + " cells, not " + k);
            }
            for (int j = 0; j < k; j++) {
                n += m[i][j];
                rows[i] += m[i][j];
                cols[j] += m[i][j];
            }
            agree += m[i][i];
        }
        if (n == 0) {
            return Double.NaN;
        }
        double po = (double) agree / n;
        double pe = 0;
        for (int i = 0; i < k; i++) {
            pe += ((double) rows[i] / n) * ((double) cols[i] / n);
        }
        return pe == 1 ? Double.NaN : (po - pe) / (1 - pe);
    }

    /**
     * Fleiss' kappa from per-item category counts ({@code counts[i][j]}: raters who put item i in category j; every
     * item rated by the same number of raters, at least two): (P̄ − P̄_e) / (1 − P̄_e). NaN when there are no items or
     * chance agreement is already total.
     */
    public static double fleiss(long[][] counts) {
        if (counts.length == 0) {
            return Double.NaN;
        }
        int k = counts[0].length;
        long raters = -1;
        double sumP = 0;
        double[] p = new double[k];
        for (long[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("every item needs a count for each of the " + k + " categories");
            }
            long r = 0;
            long pairs = 0;
            for (int j = 0; j < k; j++) {
                r += row[j];
                pairs += row[j] * (row[j] - 1);
                p[j] += row[j];
            }
            if (raters < 0) {
                raters = r;
            } else if (r != raters) {
                throw new IllegalArgumentException("every item must have the same number of ratings (" + raters
                        + "), not " + r);
            }
            if (r < 2) {
                throw new IllegalArgumentException("Fleiss' kappa needs at least two raters per item, not " + r);
            }
            sumP += (double) pairs / (r * (r - 1));
        }
        double meanP = sumP / counts.length;
        double pe = 0;
        for (int j = 0; j < k; j++) {
            double pj = p[j] / (counts.length * (double) raters);
            pe += pj * pj;
        }
        return pe == 1 ? Double.NaN : (meanP - pe) / (1 - pe);
    }
}
