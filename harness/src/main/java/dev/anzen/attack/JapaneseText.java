package dev.anzen.attack;

import com.ibm.icu.text.Transliterator;
import dev.anzen.text.JapaneseAnalyzer;
import dev.anzen.text.Morpheme;
import dev.anzen.text.Scripts;

/** Japanese rewritings over Kuromoji readings and ICU4J transliteration. Thread-safe. */
final class JapaneseText {
    private JapaneseText() {
    }

    // ICU transliterators are not thread-safe for concurrent use of one instance; each call takes its own clone.
    private static final Transliterator KATA_TO_HIRA = Transliterator.getInstance("Katakana-Hiragana");
    private static final Transliterator KATA_TO_LATIN = Transliterator.getInstance("Katakana-Latin");
    private static final Transliterator FULL_TO_HALF = Transliterator.getInstance("Fullwidth-Halfwidth");
    private static final Transliterator HIRA_TO_KATA = Transliterator.getInstance("Hiragana-Katakana");

    private static String tr(Transliterator t, String s) {
        synchronized (t) {
            return t.transliterate(s);
        }
    }

    /**
     * Bounded memo of pure functions of a string: the Japanese script transforms analyse the same prompt once each
     * (katakana, hiragana, romaji, half-width) and romanise the same readings (を, する, ください) over and over; an
     * ICU transliteration or a Kuromoji pass costs tens of microseconds. Past {@code max} entries it stops keeping.
     */
    private static final class Memo<V> {
        private final java.util.concurrent.ConcurrentHashMap<String, V> map = new java.util.concurrent.ConcurrentHashMap<>();
        private final int max;
        private final java.util.function.Function<String, V> f;

        Memo(int max, java.util.function.Function<String, V> f) {
            this.max = max;
            this.f = f;
        }

        V get(String key) {
            V v = map.get(key);
            if (v == null) {
                v = f.apply(key);
                if (map.size() < max) {
                    map.putIfAbsent(key, v);
                }
            }
            return v;
        }
    }

    private static final Memo<java.util.List<Morpheme>> ANALYSIS =
            new Memo<>(4_096, t -> java.util.List.copyOf(JapaneseAnalyzer.shared().analyze(t)));
    private static final Memo<String> LATIN = new Memo<>(20_000, r -> tr(KATA_TO_LATIN, r));

    private static java.util.List<Morpheme> analyze(String text) {
        return ANALYSIS.get(text);
    }

    /** Every word written in katakana by its reading (爆弾を作る → バクダンヲツクル); non-Japanese text kept. */
    static String katakana(String text) {
        StringBuilder sb = new StringBuilder();
        for (Morpheme m : analyze(text)) {
            sb.append(reading(m));
        }
        return sb.toString();
    }

    /** Kanji replaced by their readings, in hiragana (爆弾を作る → ばくだんをつくる). */
    static String hiragana(String text) {
        return tr(KATA_TO_HIRA, katakana(text));
    }

    /** Hepburn-style romaji, one word per morpheme (爆弾を作る → bakudan wo tsukuru). */
    static String romaji(String text) {
        StringBuilder sb = new StringBuilder();
        for (Morpheme m : analyze(text)) {
            String r;
            if ("助詞".equals(m.pos()) && m.surface().equals("は")) {
                r = "wa";
            } else if ("助詞".equals(m.pos()) && m.surface().equals("へ")) {
                r = "e";
            } else {
                r = LATIN.get(reading(m));
            }
            r = r.replace("。", ".").replace("、", ",").replace("？", "?").replace("！", "!").replace("「", "\"")
                    .replace("」", "\"");
            boolean punct = r.length() == 1 && !Character.isLetterOrDigit(r.charAt(0));
            // auxiliaries and conjunctive particles join their verb, as Hepburn writes them (oshiete, tsukutta)
            boolean attach = "助動詞".equals(m.pos()) || ("助詞".equals(m.pos()) && "接続助詞".equals(m.pos2()))
                    || ("動詞".equals(m.pos()) && "接尾".equals(m.pos2()));
            if (!sb.isEmpty() && !punct && !attach && sb.charAt(sb.length() - 1) != ' '
                    && sb.charAt(sb.length() - 1) != '\n') {
                sb.append(' ');
            }
            sb.append(r);
            if (punct && (r.equals(".") || r.equals(",") || r.equals("?") || r.equals("!"))) {
                sb.append(' ');
            }
        }
        return sb.toString().replaceAll(" {2,}", " ").strip();
    }

    /** Katakana readings in half-width katakana (ﾊﾞｸﾀﾞﾝｦﾂｸﾙ). */
    static String halfwidthKatakana(String text) {
        return tr(FULL_TO_HALF, katakana(text));
    }

    /** Hiragana in the text turned to katakana, kanji kept (for the code-switch lexicon's readings). */
    static String toKatakana(String s) {
        return tr(HIRA_TO_KATA, s);
    }

    private static String reading(Morpheme m) {
        if (m.reading() != null && Scripts.containsJapanese(m.surface())) {
            return m.reading();
        }
        return m.surface();
    }

    /** Characters separated by spaces (爆 弾 を 作 る). */
    static String spaced(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (!sb.isEmpty() && !Character.isWhitespace(cp) && sb.charAt(sb.length() - 1) != ' ') {
                sb.append(' ');
            }
            sb.appendCodePoint(cp);
        });
        return sb.toString();
    }
}
