package dev.anzen.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizedTextTest {

    @Test
    void foldsWidthCaseAndSpacesAndKeepsLineBreaks() {
        NormalizedText n = NormalizedText.of("  ＡＢＣ　ｱｲｳ\u200Bｶﾞ  \n\n\n  Kill\tthe  process ");
        assertEquals("abc アイウガ\nkill the process", n.text());
    }

    @Test
    void offsetsPointBackAtTheOriginal() {
        String original = "ＰＲＯＭＰＴ：申し訳ありませんが、ｶﾞ\u200B付きはお答えできません";
        NormalizedText n = NormalizedText.of(original);
        int at = n.text().indexOf("お答えできません");
        assertEquals("お答えできません", n.originalSlice(at, at + "お答えできません".length()));
        int ga = n.text().indexOf("ガ");
        assertEquals("ｶﾞ", n.originalSlice(ga, ga + 1));
        int p = n.text().indexOf("prompt");
        assertEquals("ＰＲＯＭＰＴ", n.originalSlice(p, p + 6));
    }

    @Test
    void sameTextWhetherTheOneCharTableIsColdOrWarm() {
        // the first call fills the one-char table, the second reads it: both must give the same text and offsets
        String s = "İstanbul ＳＴＲＡẞＥ ｶﾞ ㍻ Ω­ ﬁ";
        NormalizedText cold = NormalizedText.of(s);
        NormalizedText warm = NormalizedText.of(s);
        assertEquals("i̇stanbul straße ガ 平成 ω fi", cold.text());
        assertEquals(cold.text(), warm.text());
        for (int i = 0; i <= cold.text().length(); i++) {
            assertEquals(cold.originalOffset(i), warm.originalOffset(i));
        }
    }

    @Test
    void expandingCharactersMapToTheirSource() {
        NormalizedText n = NormalizedText.of("元号は㍻です");
        assertEquals("元号は平成です", n.text());
        assertEquals("㍻", n.originalSlice(3, 5));
    }

    @Test
    void scriptsTellJapaneseFromEnglish() {
        assertTrue(Scripts.looksJapanese("これはペンです"));
        assertTrue(Scripts.looksJapanese("漢字漢字 ok"));
        assertFalse(Scripts.looksJapanese("This is a pen."));
        assertTrue(Scripts.containsJapanese("a ｱ b"));
        assertEquals(0.0, Scripts.japaneseShare("123 !!"));
    }

    @Test
    void kuromojiGivesBaseFormsAndPartsOfSpeech() {
        List<Morpheme> ms = JapaneseAnalyzer.shared().analyze("お答えできません");
        assertTrue(ms.stream().anyMatch(m -> m.baseForm().equals("できる") && m.pos().equals("動詞")), ms.toString());
        assertTrue(ms.stream().anyMatch(m -> m.baseForm().equals("ん") && m.pos().equals("助動詞")), ms.toString());
        Morpheme first = JapaneseAnalyzer.shared().analyze("爆弾を作る").get(0);
        assertEquals("バクダン", first.reading());
        assertEquals(0, first.start());
    }

    @Test
    void combiningMarksInvisiblesAndSupplementaryCharsAfterTheCharTableIsWarm() {
        // run twice: the first pass fills the per-char table, the second reads it; both must give the same text
        String in = "Cafe\u0301 \u00ADsoft\u00ADhy\u200Dphen ｶ\u3099 ﾊﾟﾝ 𠮷野家 \uD800x \u2060end e\u0301\u0327";
        for (int pass = 0; pass < 2; pass++) {
            NormalizedText n = NormalizedText.of(in);
            assertEquals("caf\u00e9 softhyphen \u30ac \u30d1\u30f3 \ud842\udfb7\u91ce\u5bb6 \ud800x end \u0229\u0301", n.text());
            // evidence still points at the original: "パン" comes from the half-width ﾊﾟﾝ
            int at = n.text().indexOf("パン");
            assertEquals("ﾊﾟﾝ", n.originalSlice(at, at + 2));
        }
    }
}
