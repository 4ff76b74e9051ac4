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
import java.util.concurrent.atomic.AtomicInteger;

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
                tokenInfoDictionary = new CachedFeatures(TokenInfoDictionary.newInstance(resolver));
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
    }

    /**
     * IPADIC's dictionary with each entry's feature list (part of speech, base form, reading…) kept once decoded:
     * Kuromoji decodes it from its byte buffers into nine new strings every time a token is read, and the same few
     * thousand words make up most answers. At most {@link #MAX_CACHED} entries are kept (about 0.5 KB each, so 10 MB
     * at worst); entries past that are decoded as before. Every other lookup goes to the stock dictionary unchanged.
     * The lists handed out are shared and must not be changed; the analyser only reads them.
     */
    static final class CachedFeatures extends TokenInfoDictionary {
        static final int MAX_CACHED = 20_000;
        private static final int PAGE_BITS = 12;
        private static final int PAGES = 1 << 10; // word ids up to 4M; IPADIC has about 390,000

        /** A decoded list behind a final field, so a page read without a lock sees it whole. */
        private record Features(String[] values) {
        }

        private final TokenInfoDictionary stock;
        private final Features[][] pages = new Features[PAGES][];
        private final AtomicInteger cached = new AtomicInteger();

        CachedFeatures(TokenInfoDictionary stock) {
            this.stock = stock;
        }

        @Override
        public String[] getAllFeaturesArray(int wordId) {
            int page = wordId >>> PAGE_BITS;
            if (wordId < 0 || page >= PAGES) {
                return stock.getAllFeaturesArray(wordId);
            }
            int slot = wordId & ((1 << PAGE_BITS) - 1);
            Features[] p = pages[page];
            Features f = p == null ? null : p[slot];
            if (f != null) {
                return f.values();
            }
            String[] values = stock.getAllFeaturesArray(wordId);
            if (cached.get() < MAX_CACHED) {
                synchronized (pages) {
                    if (pages[page] == null) {
                        pages[page] = new Features[1 << PAGE_BITS];
                    }
                    if (pages[page][slot] == null) {
                        pages[page][slot] = new Features(values);
                        cached.incrementAndGet();
                    }
                }
            }
            return values;
        }

        int cachedEntries() {
            return cached.get();
        }

        @Override
        public int[] lookupWordIds(int sourceId) {
            return stock.lookupWordIds(sourceId);
        }

        @Override
        public int getLeftId(int wordId) {
            return stock.getLeftId(wordId);
        }

        @Override
        public int getRightId(int wordId) {
            return stock.getRightId(wordId);
        }

        @Override
        public int getWordCost(int wordId) {
            return stock.getWordCost(wordId);
        }

        @Override
        public String getAllFeatures(int wordId) {
            return stock.getAllFeatures(wordId);
        }

        @Override
        public String getFeature(int wordId, int... fields) {
            return stock.getFeature(wordId, fields);
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
