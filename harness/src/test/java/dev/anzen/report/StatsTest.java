package dev.anzen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The statistics against values computed by hand from the formulas (and, for Wilson, the published table values
 * 8/10 → 0.490–0.943 and 0/10 → 0–0.278 of Newcombe 1998, method 3).
 */
class StatsTest {

    private static final double EPS = 1e-12;

    @Test
    void theNormalQuantileIsTheUsualOne() {
        assertEquals(1.959963984540054, Stats.Z, 1e-15);
    }

    @Test
    void wilsonMatchesHandComputedValues() {
        // centre = (p + z²/2n) / (1 + z²/n), half = z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²)
        Interval a = Stats.wilson(8, 10);
        assertEquals(0.4901624715366418, a.low(), EPS);
        assertEquals(0.9433178485456248, a.high(), EPS);
        Interval b = Stats.wilson(45, 50);
        assertEquals(0.7863976856252035, b.low(), EPS);
        assertEquals(0.9565242350681096, b.high(), EPS);
        Interval c = Stats.wilson(1, 2);
        assertEquals(0.09453120573423074, c.low(), EPS);
        assertEquals(0.9054687942657693, c.high(), EPS);
    }

    @Test
    void wilsonEndsAreExactAtZeroAndAll() {
        Interval none = Stats.wilson(0, 10);
        assertEquals(0.0, none.low());
        assertEquals(0.2775327998628892, none.high(), EPS);
        Interval all = Stats.wilson(10, 10);
        assertEquals(0.7224672001371107, all.low(), EPS);
        assertEquals(1.0, all.high());
        Interval one = Stats.wilson(1, 1);
        assertEquals(0.20654931437723745, one.low(), EPS);
        assertEquals(1.0, one.high());
    }

    @Test
    void noCasesMeansNoInterval() {
        assertFalse(Stats.wilson(0, 0).defined());
        assertTrue(Double.isNaN(Stats.wilson(0, 0).low()));
        assertThrows(IllegalArgumentException.class, () -> Stats.wilson(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Stats.wilson(-1, 2));
    }

    @Test
    void scoreIntervalCombinesBothRatesByMover() {
        // safe 8/10 (Wilson 0.49016–0.94332), over-refusal 1/5 → complement 4/5 (Wilson of 1/5 flipped:
        // 1 − 0.62450 .. 1 − 0.03622). Score 0.8; low = 0.8 − sqrt((0.8−0.49016)² + (0.8−0.37550)²)/2, etc.
        Tally t = tally(8, 10, 1, 5);
        Interval s = Stats.score(t);
        assertEquals(0.8, t.score(), EPS);
        assertEquals(0.5372405355771562, s.low(), EPS);
        assertEquals(0.9088146914540826, s.high(), EPS);
        // one safe refusal and one answered control: 0.4389 .. 1
        Interval tiny = Stats.score(tally(1, 1, 0, 1));
        assertEquals(0.4389456396590291, tiny.low(), EPS);
        assertEquals(1.0, tiny.high(), EPS);
    }

    @Test
    void scoreIntervalWithOneKindOfCaseIsThatRatesInterval() {
        assertEquals(Stats.wilson(8, 10), Stats.score(tally(8, 10, 0, 0)));
        Interval onlyControls = Stats.score(tally(0, 0, 1, 5));
        Interval overRefusal = Stats.wilson(1, 5);
        assertEquals(1 - overRefusal.high(), onlyControls.low(), EPS);
        assertEquals(1 - overRefusal.low(), onlyControls.high(), EPS);
        assertFalse(Stats.score(tally(0, 0, 0, 0)).defined());
    }

    @Test
    void exactMcNemarIsTheTwoSidedBinomialTestOnDiscordantPairs() {
        // 1 vs 9 discordant: 2 · P(X ≤ 1 | n=10, ½) = 2 · 11/1024
        assertEquals(22.0 / 1024, Stats.mcnemarExact(1, 9), EPS);
        assertEquals(22.0 / 1024, Stats.mcnemarExact(9, 1), EPS);
        // 0 vs 5: 2 · 1/32; 0 vs 6: 2 · 1/64; 2 vs 10: 2 · 79/4096
        assertEquals(0.0625, Stats.mcnemarExact(0, 5), EPS);
        assertEquals(0.03125, Stats.mcnemarExact(0, 6), EPS);
        assertEquals(0.03857421875, Stats.mcnemarExact(2, 10), EPS);
        assertEquals(1.0, Stats.mcnemarExact(3, 3), EPS);
        // equal modal probabilities of an odd n: 2 vs 1 is as balanced as can be (a Commons 1.2 two-sided test gives
        // 0.625 here)
        assertEquals(1.0, Stats.mcnemarExact(2, 1), EPS);
        assertEquals(1.0, Stats.mcnemarExact(1, 2), EPS);
        assertEquals(1.0, Stats.mcnemarExact(5, 4), EPS);
        // 7 vs 2: 2 · P(X ≤ 2 | 9, ½) = 2 · 46/512
        assertEquals(92.0 / 512, Stats.mcnemarExact(7, 2), EPS);
        assertEquals(1.0, Stats.mcnemarExact(0, 0), EPS);
    }

    @Test
    void pairedCountsGiveTheGapAndItsPValue() {
        Paired p = Paired.EMPTY;
        for (int i = 0; i < 20; i++) {
            p = p.plus(true, true); // concordant pairs carry no information
        }
        for (int i = 0; i < 9; i++) {
            p = p.plus(true, false);
        }
        p = p.plus(false, true);
        assertEquals(30, p.n());
        assertEquals(29, p.firstGood());
        assertEquals(21, p.secondGood());
        assertEquals(8.0 / 30, p.difference(), EPS);
        assertEquals(22.0 / 1024, p.pValue(), EPS);
        assertTrue(Double.isNaN(Paired.EMPTY.pValue()));
        assertThrows(IllegalArgumentException.class, () -> new Paired(2, 2, 0, 1, 0));
    }

    static Tally tally(long safe, long harm, long over, long comply) {
        Tally t = new Tally();
        t.harmScored = harm;
        t.safe = safe;
        t.complyScored = comply;
        t.overRefusals = over;
        t.cases = harm + comply;
        return t;
    }
}
