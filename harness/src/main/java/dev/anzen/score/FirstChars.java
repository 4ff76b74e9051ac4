package dev.anzen.score;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Patterns guarded by the set of chars their matches can start with. A long alternation without a common prefix makes
 * {@code find} try every branch at every position; a one-char lookahead in front rejects most positions at once. The
 * matches are the same as the plain pattern's as long as every branch starts with one of the given chars, which
 * {@code FirstCharsTest} checks on the labelled corpus for every pattern made here.
 */
final class FirstChars {

    /** Every guarded pattern with its plain form, for the equivalence test. */
    static final List<Pattern[]> ALL = new ArrayList<>();

    private FirstChars() {
    }

    /** {@code regex}, matching only where the text at the match start is one of {@code chars}. */
    static synchronized Pattern guard(String chars, String regex) {
        Pattern guarded = Pattern.compile("(?=[" + chars + "])(?:" + regex + ")");
        ALL.add(new Pattern[] {guarded, Pattern.compile(regex)});
        return guarded;
    }

    /** A lookbehind-only split pattern, {@code (?<=alternatives)}, guarded by the chars its alternatives end with. */
    static synchronized Pattern guardBehind(String lastChars, String alternatives) {
        Pattern guarded = Pattern.compile("(?<=[" + lastChars + "])(?<=" + alternatives + ")");
        ALL.add(new Pattern[] {guarded, Pattern.compile("(?<=" + alternatives + ")")});
        return guarded;
    }
}
