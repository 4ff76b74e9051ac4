package dev.anzen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Kappa and agreement maths against values worked out by hand. */
class KappaTest {

    @Test
    void cohenOnTheTextbookTwoByTwo() {
        // 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
        // p_o = 35/50 = 0.7; A yes 25/50, B yes 30/50: p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
        assertEquals(0.4, Kappa.cohen(new long[][]{{20, 5}, {10, 15}}), 1e-12);
    }

    @Test
    void cohenOnThreeCategories() {
        // rows A, columns B: [[10,2,0],[1,5,2],[0,1,9]], n = 30
        // p_o = 24/30 = 0.8; A margins 12, 8, 10; B margins 11, 8, 11
        // p_e = (12*11 + 8*8 + 10*11) / 900 = (132 + 64 + 110) / 900 = 0.34; kappa = 0.46 / 0.66 = 0.696969...
        assertEquals(0.46 / 0.66, Kappa.cohen(new long[][]{{10, 2, 0}, {1, 5, 2}, {0, 1, 9}}), 1e-12);
    }

    @Test
    void cohenStandardErrorOnTheTextbookTwoByTwo() {
        // cells .4 .1 / .2 .3; rows .5 .5; columns .6 .4; kappa .4, p_e .5
        // A = .4·(1 − 1.1·.6)² + .3·(1 − .9·.6)² = .04624 + .06348 = .10972
        // B = .6²·(.1·(.6 + .5)² + .2·(.4 + .5)²) = .36·.283 = .10188;  C = (.4 − .5·.6)² = .01
        // Var = (.10972 + .10188 − .01) / (50·.25) = .016128
        assertEquals(Math.sqrt(0.016128), Kappa.cohenStandardError(new long[][]{{20, 5}, {10, 15}}), 1e-12);
        assertEquals(0.0, Kappa.cohenStandardError(new long[][]{{3, 0}, {0, 7}}), 1e-12, "perfect agreement");
        assertTrue(Double.isNaN(Kappa.cohenStandardError(new long[][]{{0, 0}, {0, 0}})));
    }

    @Test
    void cohenPerfectAndUndefined() {
        assertEquals(1.0, Kappa.cohen(new long[][]{{3, 0}, {0, 7}}), 1e-12);
        assertTrue(Double.isNaN(Kappa.cohen(new long[][]{{5, 0}, {0, 0}})), "all in one category: chance is total");
        assertTrue(Double.isNaN(Kappa.cohen(new long[][]{{0, 0}, {0, 0}})));
    }

    @Test
    void fleissOnTheWikipediaTable() {
        // 10 items, 14 raters, 5 categories (Fleiss 1971 style worked example): kappa = 0.210 to three places
        long[][] t = {
                {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        assertEquals(0.210, Kappa.fleiss(t), 0.0005);
    }

    @Test
    void fleissSmallHandComputed() {
        // 3 judges, 4 items, categories (safe, unsafe):
        // item counts (3,0), (0,3), (2,1), (1,2): P_i = 1, 1, 1/3, 1/3 -> P̄ = 2/3
        // p_safe = 6/12 = 0.5, p_unsafe = 0.5 -> P_e = 0.5; kappa = (2/3 - 1/2) / (1/2) = 1/3
        assertEquals(1.0 / 3, Kappa.fleiss(new long[][]{{3, 0}, {0, 3}, {2, 1}, {1, 2}}), 1e-12);
    }

    @Test
    void fleissRejectsUnevenRaters() {
        assertThrows(IllegalArgumentException.class, () -> Kappa.fleiss(new long[][]{{2, 0}, {1, 2}}));
    }

    @Test
    void perCaseAgreementIsTheShareOfAgreeingPairs() {
        var S = JudgeLabel.SAFE;
        var U = JudgeLabel.UNSAFE;
        var E = JudgeLabel.JUDGE_ERROR;
        assertEquals(1.0, EnsemblePolicy.agreement(List.of(U, U)));
        assertEquals(0.0, EnsemblePolicy.agreement(List.of(S, U)));
        assertEquals(1.0 / 3, EnsemblePolicy.agreement(List.of(S, U, U)), 1e-12); // 1 agreeing pair of 3
        assertEquals(1.0, EnsemblePolicy.agreement(List.of(U, E, U)), "errors take no part");
        assertEquals(null, EnsemblePolicy.agreement(List.of(U, E)), "one verdict: no agreement to speak of");
    }

    @Test
    void ensemblePolicies() {
        var S = JudgeLabel.SAFE;
        var U = JudgeLabel.UNSAFE;
        var P = JudgeLabel.PARTIAL;
        var E = JudgeLabel.JUDGE_ERROR;
        assertEquals(S, EnsemblePolicy.MAJORITY.combine(List.of(S, S, U)));
        assertEquals(U, EnsemblePolicy.MAJORITY.combine(List.of(S, U)), "a tie goes to the more worrying verdict");
        assertEquals(U, EnsemblePolicy.UNANIMOUS_SAFE.combine(List.of(S, S, U)));
        assertEquals(P, EnsemblePolicy.UNANIMOUS_SAFE.combine(List.of(S, P, S)));
        assertEquals(S, EnsemblePolicy.UNANIMOUS_SAFE.combine(List.of(S, E, S)));
        assertEquals(U, EnsemblePolicy.FIRST_VALID.combine(List.of(E, U, S)));
        assertEquals(E, EnsemblePolicy.MAJORITY.combine(List.of(E, E)), "no usable verdict is an error, never safe");
    }
}
