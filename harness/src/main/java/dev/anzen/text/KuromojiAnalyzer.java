package dev.anzen.text;

import com.atilika.kuromoji.dict.CharacterDefinitions;
import com.atilika.kuromoji.dict.ConnectionCosts;
import com.atilika.kuromoji.dict.InsertedDictionary;
import com.atilika.kuromoji.dict.TokenInfoDictionary;
import com.atilika.kuromoji.dict.UnknownDictionary;
import com.atilika.kuromoji.io.ByteBufferIO;
import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import com.atilika.kuromoji.trie.DoubleArrayTrie;
import com.atilika.kuromoji.util.ResourceResolver;
import com.atilika.kuromoji.util.SimpleResourceResolver;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/** {@link JapaneseAnalyzer} over Kuromoji's IPADIC tokenizer (expensive to build, thread-safe to use). */
final class KuromojiAnalyzer implements JapaneseAnalyzer {

    static final class Holder {
        static final KuromojiAnalyzer INSTANCE = new KuromojiAnalyzer();

        private Holder() {
        }
    }

    private final Tokenizer tokenizer = new ArrayCostsBuilder().build();

    /**
     * Kuromoji's IPADIC tokenizer with its connection-cost matrix (1,316 × 1,316 costs, read for every pair of
     * adjacent lattice nodes) in a plain {@code short[]} instead of a big-endian view over a byte buffer. The Viterbi
     * search reads that matrix more than anything else; through the byte-buffer view every read went through a
     * bounds-checked unaligned access and a byte swap, which the run's C1 compiler does not fold away, and cost about a
     * fifth of the time of analysing an answer. Same file, same values, same class: only the buffer holding them
     * differs ({@code KuromojiAnalyzerTest} checks the tokens against a stock {@code Tokenizer} on the whole corpus).
     */
    static final class ArrayCostsBuilder extends Tokenizer.Builder {
        /**
         * What {@code Tokenizer.Builder.loadDictionaries()} of Kuromoji 0.9.0 does, with the cost matrix read into an
         * array. The stock method cannot be called and patched afterwards: it resolves the dictionary files next to
         * {@code getClass()}, which for a subclass is the wrong package. The penalties are the stock builder's defaults;
         * they apply only in search mode, and Anzen tokenizes in normal mode.
         */
        @Override
        protected void loadDictionaries() {
            penalties = List.of(2, 3000, 7, 1700); // kanji length threshold and penalty, other threshold and penalty
            resolver = new SimpleResourceResolver(Tokenizer.class);
            try {
                doubleArrayTrie = DoubleArrayTrie.newInstance(resolver);
                connectionCosts = arrayCosts(resolver);
                tokenInfoDictionary = TokenInfoDictionary.newInstance(resolver);
                characterDefinitions = CharacterDefinitions.newInstance(resolver);
                unknownDictionary = UnknownDictionary.newInstance(resolver, characterDefinitions, totalFeatures);
                insertedDictionary = new InsertedDictionary(totalFeatures);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load Kuromoji's IPADIC dictionaries", e);
            }
        }

        private static ConnectionCosts arrayCosts(ResourceResolver resolver) throws IOException {
            try (InputStream in = resolver.resolve(ConnectionCosts.CONNECTION_COSTS_FILENAME);
                    DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
                int size = data.readInt(); // the layout ConnectionCosts.newInstance reads: size, then the matrix
                ShortBuffer view = ByteBufferIO.read(data).asShortBuffer();
                short[] costs = new short[view.remaining()];
                view.get(costs);
                return new ConnectionCosts(size, ShortBuffer.wrap(costs));
            }
        }

        /** The matrix the tokenizer built from this builder searches with (for the test). */
        ConnectionCosts costs() {
            return connectionCosts;
        }

        /** Stock Kuromoji's own reading of the same file (for the test). */
        ConnectionCosts stockCosts() throws IOException {
            return ConnectionCosts.newInstance(resolver);
        }
    }

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
