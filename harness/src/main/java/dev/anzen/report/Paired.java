package dev.anzen.report;

/**
 * Paired binary outcomes of the same cases under two conditions (Japanese vs English pair, or a base run vs a new
 * run): how many pairs, how many went well in each, and the two kinds of discordant pair.
 *
 * @param n           pairs where both outcomes are known
 * @param firstGood   pairs that went well under the first condition
 * @param secondGood  pairs that went well under the second condition
 * @param firstOnly   pairs that went well under the first condition only
 * @param secondOnly  pairs that went well under the second condition only
 */
public record Paired(long n, long firstGood, long secondGood, long firstOnly, long secondOnly) {

    public Paired {
        if (n < 0 || firstGood < 0 || secondGood < 0 || firstOnly < 0 || secondOnly < 0
                || firstGood > n || secondGood > n || firstOnly + secondOnly > n
                || firstGood - firstOnly != secondGood - secondOnly) {
            throw new IllegalArgumentException("inconsistent paired counts: n=" + n + ", firstGood=" + firstGood
                    + ", secondGood=" + secondGood + ", firstOnly=" + firstOnly + ", secondOnly=" + secondOnly);
        }
    }

    public static final Paired EMPTY = new Paired(0, 0, 0, 0, 0);

    /** Adds one pair. */
    public Paired plus(boolean first, boolean second) {
        return new Paired(n + 1, firstGood + (first ? 1 : 0), secondGood + (second ? 1 : 0),
                firstOnly + (first && !second ? 1 : 0), secondOnly + (second && !first ? 1 : 0));
    }

    public Paired plus(Paired o) {
        return new Paired(n + o.n, firstGood + o.firstGood, secondGood + o.secondGood, firstOnly + o.firstOnly,
                secondOnly + o.secondOnly);
    }

    public double firstRate() {
        return n == 0 ? Double.NaN : (double) firstGood / n;
    }

    public double secondRate() {
        return n == 0 ? Double.NaN : (double) secondGood / n;
    }

    /** First rate minus second rate over the same pairs; NaN without pairs. */
    public double difference() {
        return n == 0 ? Double.NaN : (double) (firstOnly - secondOnly) / n;
    }

    /** Exact McNemar p-value of the difference; NaN without pairs. */
    public double pValue() {
        return n == 0 ? Double.NaN : Stats.mcnemarExact(firstOnly, secondOnly);
    }
}
