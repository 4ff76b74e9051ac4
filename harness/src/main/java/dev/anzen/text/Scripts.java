package dev.anzen.text;

/** Counts of writing systems in a text, to tell Japanese from English text. */
public final class Scripts {
    private Scripts() {
    }

    public static boolean isKana(int cp) {
        if (cp < 0x3040) {
            return false; // below hiragana: the common case, without a block lookup
        }
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        return b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA
                || b == Character.UnicodeBlock.KATAKANA_PHONETIC_EXTENSIONS
                || (cp >= 0xFF66 && cp <= 0xFF9D); // half-width katakana
    }

    public static boolean isKanji(int cp) {
        if (cp < 0x2E80) {
            return false; // below the CJK radicals no code point is Han
        }
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** True for hiragana, katakana (full or half width) and kanji. */
    public static boolean isJapanese(int cp) {
        return isKana(cp) || isKanji(cp);
    }

    /** Whether the text holds any kana or kanji. */
    public static boolean containsJapanese(String s) {
        return s.codePoints().anyMatch(Scripts::isJapanese);
    }

    /** Share of Japanese characters among the letters (Japanese + Latin letters) of the text; 0 when it has none. */
    public static double japaneseShare(String s) {
        int[] counts = new int[2];
        s.codePoints().forEach(cp -> {
            if (isJapanese(cp)) {
                counts[0]++;
            } else if (Character.isLetter(cp)) {
                counts[1]++;
            }
        });
        int total = counts[0] + counts[1];
        return total == 0 ? 0 : (double) counts[0] / total;
    }

    /** A guess at the language of a text: Japanese when it has any kana, or mostly kanji. */
    public static boolean looksJapanese(String s) {
        // one pass: any kana decides at once; otherwise kanji against Latin letters, as japaneseShare counts them
        int kanji = 0;
        int letters = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
                    letters++;
                }
            } else if (isKana(cp)) {
                return true;
            } else if (isKanji(cp)) {
                kanji++;
            } else if (Character.isLetter(cp)) {
                letters++;
            }
        }
        int total = kanji + letters;
        return total > 0 && (double) kanji / total > 0.5;
    }
}
