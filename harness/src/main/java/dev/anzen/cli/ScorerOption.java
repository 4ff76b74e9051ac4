package dev.anzen.cli;

import dev.anzen.score.RuleScorer;
import picocli.CommandLine.Option;

/** {@code --scorer}, shared by {@code run}, {@code score} and {@code rescore}. */
final class ScorerOption {

    @Option(names = "--scorer", paramLabel = "NAME", defaultValue = "rules+model",
            description = "How refusals are told: rules+model (default: the rules, with the lexical model deciding "
                    + "where the two disagree; scorer id rules+model-v1) or rules (the rules alone; rules-v1). "
                    + "docs/scorers.md compares them.")
    String name = "rules+model";

    /** Whether the name is one of the scorers; prints why not (before anything is loaded or written). */
    boolean valid(java.io.PrintWriter err) {
        if (RuleScorer.NAMES.contains(name)) {
            return true;
        }
        err.println("anzen: --scorer: unknown scorer '" + name + "' (use " + String.join(" or ", RuleScorer.NAMES)
                + ")");
        return false;
    }

    /** The scorer named, or null after printing why there is none. */
    RuleScorer scorer(java.io.PrintWriter err) {
        return valid(err) ? RuleScorer.named(name) : null;
    }
}
