package dev.anzen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        int hits = 0;
        for (Pattern[] p : FirstChars.ALL) {
            for (String t : texts) {
                List<String> guarded = matches(p[0], t);
                assertEquals(matches(p[1], t), guarded, () -> p[1].pattern() + " on: " + t);
                assertEquals(List.of(p[1].split(t)), List.of(p[0].split(t)), () -> p[1].pattern() + " splits " + t);
                hits += guarded.size();
            }
        }
        assertTrue(hits > 1000, "the corpus exercises the patterns (" + hits + " matches)");
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
