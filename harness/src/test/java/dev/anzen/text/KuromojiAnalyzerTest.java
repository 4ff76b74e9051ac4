package dev.anzen.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KuromojiAnalyzerTest {

    @Test
    void morphemesCarryBaseFormPartOfSpeechAndReading() {
        List<Morpheme> ms = KuromojiAnalyzer.Holder.INSTANCE.analyze("お答えできませんでした。");
        Morpheme dekiru = ms.stream().filter(m -> m.surface().equals("でき")).findFirst().orElseThrow();
        assertEquals("できる", dekiru.baseForm());
        assertEquals("動詞", dekiru.pos());
        assertEquals("デキ", dekiru.reading());
        // an unknown word keeps its surface as base form and has no reading
        Morpheme unknown = KuromojiAnalyzer.Holder.INSTANCE.analyze("ｘｙｚｚｙ").get(0);
        assertEquals(unknown.surface(), unknown.baseForm());
        assertNull(unknown.reading());
    }

    @Test
    void readingTheFeaturesOnceGivesWhatTheTokenGettersGive() throws Exception {
        // the analyser reads each token's feature list once instead of once per getter; the two must agree
        Tokenizer tokenizer = new Tokenizer();
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        for (String file : List.of("ja-a.jsonl", "ja-b.jsonl")) {
            for (String line : Files.readAllLines(Path.of("src/test/resources/corpus", file))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String text = json.readTree(line).get("response").asText();
                List<Morpheme> ms = KuromojiAnalyzer.Holder.INSTANCE.analyze(text);
                List<Token> tokens = tokenizer.tokenize(text);
                assertEquals(tokens.size(), ms.size());
                for (int i = 0; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    Morpheme m = ms.get(i);
                    String base = t.getBaseForm() == null || t.getBaseForm().equals("*") ? t.getSurface() : t.getBaseForm();
                    String reading = t.getReading() == null || t.getReading().equals("*") ? null : t.getReading();
                    assertEquals(List.of(t.getSurface(), base, t.getPartOfSpeechLevel1(), t.getPartOfSpeechLevel2(),
                            String.valueOf(reading), t.getPosition()), List.of(m.surface(), m.baseForm(), m.pos(),
                            m.pos2(), String.valueOf(m.reading()), m.start()), text);
                    compared++;
                }
            }
        }
        assertTrue(compared > 10_000, "the corpus gives many tokens (" + compared + ")");
    }
}
