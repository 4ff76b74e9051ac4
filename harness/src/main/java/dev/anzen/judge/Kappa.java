package dev.anzen.judge;

/**
 * Chance-corrected agreement: Cohen's kappa between two raters (with its large-sample standard error), Fleiss' kappa
 * among several.
 */
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

    /**
     * The large-sample standard error of Cohen's kappa (Fleiss, Cohen and Everitt 1969, the formula of Stata's
     * {@code kap} and R's {@code psych::cohen.kappa}), from the same matrix as {@link #cohen}: with cell shares
     * p_ij, row shares p_i., column shares p_.j,
     * Var = (Σ_i p_ii [1 − (p_i. + p_.i)(1 − κ)]² + (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)² − [κ − p_e(1 − κ)]²)
     * / (n (1 − p_e)²). NaN where kappa is.
     */
    public static double cohenStandardError(long[][] m) {
        double kappa = cohen(m);
        if (Double.isNaN(kappa)) {
            return Double.NaN;
        }
        int k = m.length;
        double n = 0;
        for (long[] row : m) {
            for (long c : row) {
                n += c;
            }
        }
        double[] rows = new double[k];
        double[] cols = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += m[i][j] / n;
                cols[j] += m[i][j] / n;
            }
        }
        double pe = 0;
        for (int i = 0; i < k; i++) {
            pe += rows[i] * cols[i];
        }
        double a = 0;
        double b = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double p = m[i][j] / n;
                if (i == j) {
                    double t = 1 - (rows[i] + cols[i]) * (1 - kappa);
                    a += p * t * t;
                } else {
                    double t = cols[i] + rows[j];
                    b += p * t * t;
                }
            }
        }
        b *= (1 - kappa) * (1 - kappa);
        double c = kappa - pe * (1 - kappa);
        double var = (a + b - c * c) / (n * (1 - pe) * (1 - pe));
        return Math.sqrt(Math.max(0, var)); // rounding can leave a tiny negative variance at perfect agreement
    }
}
