package dev.anzen.report;

/**
 * A two-sided confidence interval on a rate in [0, 1]; both ends are NaN when the rate is undefined (no cases).
 *
 * @param low  lower bound
 * @param high upper bound
 */
public record Interval(double low, double high) {

    /** The interval of an undefined rate. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    public Interval {
        if (Double.isNaN(low) != Double.isNaN(high)) {
            throw new IllegalArgumentException("interval ends must both be defined or both NaN, not [" + low + ", "
                    + high + "]");
        }
        if (low > high) {
            throw new IllegalArgumentException("interval low " + low + " is above high " + high);
        }
    }

    public boolean defined() {
        return !Double.isNaN(low);
    }
}
