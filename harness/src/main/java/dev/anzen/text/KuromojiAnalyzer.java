package dev.anzen.text;

import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** {@link JapaneseAnalyzer} over Kuromoji's IPADIC tokenizer (expensive to build, thread-safe to use). */
final class KuromojiAnalyzer implements JapaneseAnalyzer {

    static final class Holder {
        static final KuromojiAnalyzer INSTANCE = new KuromojiAnalyzer();

        private Holder() {
        }
    }

    private final Tokenizer tokenizer = new Tokenizer();

    /** Positions in IPADIC's feature list (part of speech 1-4, conjugation type and form, base form, reading…). */
    private static final int POS_1 = 0;
    private static final int POS_2 = 1;
    private static final int BASE_FORM = 6;
    private static final int READING = 7;

    /** A feature, or null where the entry has fewer (unknown words carry no reading). */
    private static String feature(String[] features, int index) {
        return features != null && index < features.length ? features[index] : null;
    }

    @Override
    public List<Morpheme> analyze(String text) {
        List<Token> tokens = tokenizer.tokenize(text);
        List<Morpheme> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            // one read of the token's dictionary entry: each getter (getBaseForm, getReading…) reads and splits it again
            String[] f = t.getAllFeaturesArray();
            String base = feature(f, BASE_FORM);
            if (base == null || base.equals("*")) {
                base = t.getSurface();
            }
            String reading = feature(f, READING);
            if (reading == null || reading.equals("*")) {
                reading = null;
            }
            out.add(new Morpheme(t.getSurface(), base, feature(f, POS_1), feature(f, POS_2), reading, t.getPosition()));
        }
        return out;
    }
}
