package dev.anzen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.text.NormalizedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FirstCharsTest {

    @Test
    void guardedPatternsMatchExactlyWhereThePlainOnesDo() throws Exception {
        Class.forName("dev.anzen.score.JapaneseRefusalRules"); // registers its guarded patterns
        Class.forName("dev.anzen.score.EnglishRefusalRules");
        assertTrue(FirstChars.ALL.size() >= 34, "the rules' guarded patterns are registered");
        List<String> texts = new ArrayList<>();
        for (RefusalCorpusAccuracyTest.Item it : RefusalCorpusAccuracyTest.corpus()) {
            for (String s : List.of(it.prompt(), it.response())) {
                String n = NormalizedText.of(s).text().replace('’', '\'').replace('‘', '\'');
                texts.add(n);
                // the rules also see single sentences and clauses, where ^ anchors at the clause's start
                for (String part : n.split("(?<=[。\n、？！?!.,;])")) {
                    texts.add(part.strip());
                }
            }
        }
        Class.forName("dev.anzen.score.Lectures");
        Class.forName("dev.anzen.score.PiiScorer");
        int hits = 0;
        for (FirstChars.Guarded g : FirstChars.ALL) {
            Pattern[] p = {g.guarded(), Pattern.compile(g.plain())};
            for (String t : texts) {
                List<String> guarded = matches(p[0], t);
                assertEquals(matches(p[1], t), guarded, () -> p[1].pattern() + " on: " + t);
                assertEquals(List.of(p[1].split(t)), List.of(p[0].split(t)), () -> p[1].pattern() + " splits " + t);
                // the char-loop scan finds the same first match as the regex engine's own
                assertEquals(guarded.isEmpty() ? "none" : guarded.get(0), first(p[0], t), () -> p[1].pattern() + " on " + t);
                hits += guarded.size();
            }
        }
        assertTrue(hits > 1000, "the corpus exercises the patterns (" + hits + " matches)");
    }

    @Test
    void theAnalysisFindsTheFirstCharsOfEachBranch() {
        assertEquals("[i, w]", chars("\\b(?:i|we)(?:'m| am)? ?(?:can't|won't)"));
        // an optional lead-in lets the next element start the match too
        assertEquals("[d, p]", chars("(?:please )?(?:don't|do not)"));
        // an empty match is constrained by its lookahead; lookbehinds and \b are zero-width
        assertEquals("[ , -, —]", chars("(?<=,) (?=but )|(?<= ) ?(?=— but|- but)"));
        assertEquals("[0]", chars("(?<![\\d-])0[789]0-?\\d{4}"));
        // ^-anchored branches match only at the start, which the guard lets through without listing chars
        FirstChars.First anchored = FirstChars.analyse("^(?:ただ|でも)|一般的には", true);
        assertTrue(anchored.startOk());
        assertEquals("[一]", chars(anchored));
        assertTrue(FirstChars.analyse("\\b(?:foo|bar)\\b", true).wordStart());
        assertFalse(FirstChars.analyse("(?:foo|\\bbar)", true).wordStart());
        // what the analysis cannot bound gives no guard at all
        for (String open : List.of("\\W+ly", ".{0,3}x", "(?i)no", "a?", "[^a]b", "(a?)\\1b", "x*|y", "\\Qa\\E")) {
            assertNull(FirstChars.analyse(open, true), open);
        }
    }

    @Test
    void aHandWrittenGuardMissingABranchFailsAtOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FirstChars.guard("申", "申し訳|すみません"));
        assertTrue(e.getMessage().contains("す"), e.getMessage());
    }

    @Test
    void guardedAndPlainPatternsAgreeOnGeneratedText() {
        // regexes of the shapes the rules use, on random text over the chars they mention (seeded: reproducible)
        List<String> regexes = List.of("\\b(?:i|we)(?:'m| am)? ?(?:can't|won't) (?:help|do)\\b", "^(?:no|nope)[.!]*$",
                "(?<=,) (?=but |yet )|(?<=;) |(?<= ) ?(?=— but|- but)", "^(?:but )?if [^.]{1,9}, here", "\\bthough:$",
                "(?:^|\\s)ok\\b|\\bno\\b", "(?<![\\d-])0[78]0-?\\d{2}(?![\\d-])", "(?:a|b)?(?=c)", "ただ|^でも、|だけ",
                "\\b(?:é|e)t\\b", "[a-c]{2,}d|\\bdd",
                // literal text only: the two-char table probes the regex's own chars and one foreign char
                "ただ(?:し|いま)?|だけ(?!で)|でも、|け");
        String alphabet = "abcdeéhiknoptuwy'.,;!:-— 0178ただでもけ、しいまx\n";
        java.util.Random random = new java.util.Random(42);
        int compared = 0;
        for (String regex : regexes) {
            Pattern guarded = FirstChars.auto(regex);
            Pattern plain = Pattern.compile(regex);
            for (int i = 0; i < 3000; i++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(14);
                for (int k = 0; k < len; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                // splice in a literal piece of the regex now and then, so matches happen
                String t = i % 3 == 0 ? sb + "ok but i can't help, but yet; — but no 080-12 ただでも、" : sb.toString();
                List<String> expected = matches(plain, t);
                assertEquals(expected, matches(guarded, t), () -> regex + " on: " + t);
                assertEquals(expected.isEmpty() ? "none" : expected.get(0), first(guarded, t), () -> regex + " on: " + t);
                compared += expected.size();
            }
        }
        assertTrue(compared > 1000, "generated text produced matches (" + compared + ")");
    }

    private static String chars(String regex) {
        return chars(FirstChars.analyse(regex, true));
    }

    private static String chars(FirstChars.First f) {
        return f.chars().stream().mapToObj(c -> String.valueOf((char) c)).toList().toString();
    }

    private static String first(Pattern p, String text) {
        Matcher m = FirstChars.find(p, text);
        return m == null ? "none" : m.start() + "-" + m.end();
    }

    @Test
    void aBranchStartingOutsideTheGuardIsNotFound() {
        // documents the contract: the guard must list every first char, or matches are lost
        Pattern guarded = Pattern.compile("(?=[申])(?:申し訳|すみません)");
        assertTrue(matches(guarded, "すみません").isEmpty());
        assertEquals(List.of("0-5"), matches(Pattern.compile("申し訳|すみません"), "すみません"));
    }

    private static List<String> matches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.start() + "-" + m.end());
        }
        return out;
    }
}
