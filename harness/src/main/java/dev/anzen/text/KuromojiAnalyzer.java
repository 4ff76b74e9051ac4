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
import com.atilika.kuromoji.trie.Trie;
import com.atilika.kuromoji.util.ResourceResolver;
import com.atilika.kuromoji.util.SimpleResourceResolver;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

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
                doubleArrayTrie = ArrayTrie.read(resolver);
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
                return new ArrayCosts(size, costs);
            }
        }

        /** The matrix the tokenizer built from this builder searches with (for the test). */
        ConnectionCosts costs() {
            return connectionCosts;
        }
    }

    /**
     * The cost matrix read straight from its array: even over a wrapped {@code short[]}, {@code ShortBuffer.get} goes
     * through a bounds-check call that C1 leaves in place, once for every pair of adjacent lattice nodes.
     */
    static final class ArrayCosts extends ConnectionCosts {
        private final int size;
        private final short[] costs;

        ArrayCosts(int size, short[] costs) {
            super(size, ShortBuffer.wrap(costs));
            this.size = size;
            this.costs = costs;
        }

        @Override
        public int get(int forwardId, int backwardId) {
            return costs[backwardId + forwardId * size]; // the stock index
        }
    }

    /**
     * Kuromoji's double-array trie of IPADIC's surface forms, read from the same file into plain arrays instead of
     * big-endian views over byte buffers. The lattice builder looks up every prefix of the text from every position,
     * so the trie is read more often than anything but the cost matrix, and for the same reason as the matrix
     * (a bounds-checked unaligned read and a byte swap per value, which C1 does not fold away) the views made it the
     * largest single cost of analysing an answer. {@link #lookup(String, int, int)} is the stock algorithm over the
     * arrays, and compares a word's tail in place instead of cutting a substring for it; the results are the stock
     * trie's for every key ({@code KuromojiAnalyzerTest}). The trie is only read, never built or written, here.
     */
    static final class ArrayTrie extends DoubleArrayTrie {
        private static final int TAIL_OFFSET = 100_000_000; // DoubleArrayTrie's: a base at or above it points into the tail

        private final boolean compact;
        private final int[] base;
        private final int[] check;
        private final char[] tail;

        private ArrayTrie(boolean compact, int[] base, int[] check, char[] tail) {
            this.compact = compact;
            this.base = base;
            this.check = check;
            this.tail = tail;
        }

        /** Reads the layout {@code DoubleArrayTrie.read} reads: compact flag, sizes, base, check, tail (big-endian). */
        static ArrayTrie read(ResourceResolver resolver) throws IOException {
            try (InputStream in = resolver.resolve(DOUBLE_ARRAY_TRIE_FILENAME);
                    DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
                boolean compact = data.readBoolean();
                int baseCheckSize = data.readInt();
                int tailSize = data.readInt();
                int[] base = new int[baseCheckSize];
                int[] check = new int[baseCheckSize];
                char[] tail = new char[tailSize];
                ByteBuffer.wrap(data.readNBytes(baseCheckSize * 4)).asIntBuffer().get(base);
                ByteBuffer.wrap(data.readNBytes(baseCheckSize * 4)).asIntBuffer().get(check);
                ByteBuffer.wrap(data.readNBytes(tailSize * 2)).asCharBuffer().get(tail);
                return new ArrayTrie(compact, base, check, tail);
            }
        }

        @Override
        public int lookup(String key) {
            return lookup(key, 0, 0);
        }

        @Override
        public int lookup(String key, int index, int j) {
            int b = index != 0 ? base[index] : 1;
            int keyLength = key.length();
            for (int i = j; i < keyLength; i++) {
                int previous = index;
                index = compact ? b + key.charAt(i) : index + b + key.charAt(i);
                if (index >= base.length) { // too long
                    return -1;
                }
                b = base[index];
                if (b == 0 || check[index] != previous) { // no such child
                    return -1;
                }
                if (b >= TAIL_OFFSET) { // the rest of the word is in the tail
                    return matchTail(b - TAIL_OFFSET, index, key, i + 1);
                }
            }
            // the whole key is read: a word ends here if the terminating character follows
            int end = compact ? b + TERMINATING_CHARACTER : index + b + TERMINATING_CHARACTER;
            return check[end] == index ? index : 0;
        }

        /** Stock {@code matchTail(base, index, key.substring(from))} without the substring. */
        private int matchTail(int position, int index, String key, int from) {
            int length = key.length() - from;
            for (int i = 0; i < length; i++) {
                if (key.charAt(from + i) != tail[position + i]) {
                    return -1;
                }
            }
            return tail[position + length] == TERMINATING_CHARACTER ? index : 0;
        }

        @Override
        public void build(Trie trie) {
            throw new UnsupportedOperationException("a read-only copy of IPADIC's trie");
        }

        @Override
        public void write(OutputStream output) {
            throw new UnsupportedOperationException("a read-only copy of IPADIC's trie");
        }

        /** Read-only views of the arrays; tokenizing does not use them. */
        @Override
        public IntBuffer getBaseBuffer() {
            return IntBuffer.wrap(base).asReadOnlyBuffer();
        }

        @Override
        public IntBuffer getCheckBuffer() {
            return IntBuffer.wrap(check).asReadOnlyBuffer();
        }

        @Override
        public CharBuffer getTailBuffer() {
            return CharBuffer.wrap(tail).asReadOnlyBuffer();
        }
    }

    /**
     * IPADIC's dictionary with each entry's feature list (part of speech, base form, reading…) kept once decoded:
     * Kuromoji decodes it from its byte buffers into nine new strings every time a token is read, and the same few
     * thousand words make up most answers. At most {@link #MAX_CACHED} entries are kept (about 0.5 KB each, so 10 MB
     * at worst); entries past that are decoded as before. The word ids of a trie entry (at most {@link #MAX_CACHED}
     * entries) and the connection ids and cost of every word (6 bytes a word, read a page of 256 words at a time,
     * 2.3 MB if all of IPADIC is touched) are kept likewise. Every other lookup goes to the stock dictionary
     * unchanged. The arrays handed out are shared and must not be changed; Kuromoji and the analyser only read them.
     */
    static final class CachedFeatures extends TokenInfoDictionary {
        static final int MAX_CACHED = 20_000;
        private static final int PAGE_BITS = 12;
        private static final int PAGES = 1 << 10; // word ids up to 4M; IPADIC has about 390,000

        private static final int COST_PAGE_BITS = 8;
        private static final int COST_PAGE = 1 << COST_PAGE_BITS;

        /** Left id, right id and cost of up to {@link #COST_PAGE} consecutive words ({@code count}), likewise. */
        private record Costs(short[] values, int count) {
        }

        private final TokenInfoDictionary stock;
        private final IntFunction<String[]> decode;
        private final IntFunction<int[]> lookUp;
        private final Kept<String[]> features = new Kept<>();
        private final Kept<int[]> ids = new Kept<>();
        private final Costs[] costPages = new Costs[(PAGES << PAGE_BITS) >>> COST_PAGE_BITS];

        CachedFeatures(TokenInfoDictionary stock) {
            this.stock = stock;
            this.decode = stock::getAllFeaturesArray;
            this.lookUp = stock::lookupWordIds;
        }

        /**
         * Values kept by id (0 to 4M) in pages of 4,096, at most {@link #MAX_CACHED}; read without a lock. Ids outside
         * that range, and values past the limit, are loaded at every call.
         */
        private static final class Kept<V> {
            /** A value behind a final field, so a page read without a lock sees it whole. */
            private record Box<V>(V value) {
            }

            private final Box<?>[][] pages = new Box<?>[PAGES][];
            private final AtomicInteger count = new AtomicInteger();

            @SuppressWarnings("unchecked")
            V get(int id, IntFunction<V> load) {
                int page = id >>> PAGE_BITS;
                if (id < 0 || page >= PAGES) {
                    return load.apply(id);
                }
                int slot = id & ((1 << PAGE_BITS) - 1);
                Box<?>[] p = pages[page];
                Box<?> kept = p == null ? null : p[slot];
                if (kept != null) {
                    return (V) kept.value();
                }
                V value = load.apply(id);
                if (count.get() < MAX_CACHED) {
                    synchronized (pages) {
                        if (pages[page] == null) {
                            pages[page] = new Box<?>[1 << PAGE_BITS];
                        }
                        if (pages[page][slot] == null) {
                            pages[page][slot] = new Box<>(value);
                            count.incrementAndGet();
                        }
                    }
                }
                return value;
            }

            int size() {
                return count.get();
            }
        }

        @Override
        public String[] getAllFeaturesArray(int wordId) {
            return features.get(wordId, decode);
        }

        int cachedEntries() {
            return features.size();
        }

        /**
         * The word ids of a trie entry, kept once read: the stock map copies them into a new array at every lookup,
         * and the lattice looks up every dictionary word starting at every position of the text. The lattice only
         * reads the arrays, so one is shared by all threads.
         */
        @Override
        public int[] lookupWordIds(int sourceId) {
            return ids.get(sourceId, lookUp);
        }

        @Override
        public int getLeftId(int wordId) {
            short[] c = connection(wordId);
            return c == null ? stock.getLeftId(wordId) : c[3 * (wordId & (COST_PAGE - 1))];
        }

        @Override
        public int getRightId(int wordId) {
            short[] c = connection(wordId);
            return c == null ? stock.getRightId(wordId) : c[3 * (wordId & (COST_PAGE - 1)) + 1];
        }

        @Override
        public int getWordCost(int wordId) {
            short[] c = connection(wordId);
            return c == null ? stock.getWordCost(wordId) : c[3 * (wordId & (COST_PAGE - 1)) + 2];
        }

        /**
         * The left ids, right ids and costs of the {@link #COST_PAGE} words around {@code wordId}, read from the
         * stock dictionary the first time one of them is asked for: every lattice node asks for all three, and the
         * stock dictionary reads each from a big-endian byte buffer. Null for an id past the dictionary's end, for
         * which the stock dictionary answers (or fails) as before.
         */
        private short[] connection(int wordId) {
            int page = wordId >>> COST_PAGE_BITS;
            if (wordId < 0 || page >= costPages.length) {
                return null;
            }
            Costs c = costPages[page];
            if (c == null) {
                short[] values = new short[3 * COST_PAGE];
                int first = page << COST_PAGE_BITS;
                int n = 0;
                try {
                    for (; n < COST_PAGE; n++) {
                        int left = stock.getLeftId(first + n);
                        int right = stock.getRightId(first + n);
                        int cost = stock.getWordCost(first + n);
                        values[3 * n] = (short) left;
                        values[3 * n + 1] = (short) right;
                        values[3 * n + 2] = (short) cost;
                    }
                } catch (IndexOutOfBoundsException pastTheLastWord) {
                    // the dictionary's last page: the words before n are kept
                }
                c = new Costs(values, n);
                costPages[page] = c; // two threads racing here fill the same page with the same values
            }
            return (wordId & (COST_PAGE - 1)) < c.count() ? c.values() : null;
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

    /**
     * The last text this thread analysed and its morphemes: the default scorer's rules and its model both read the
     * answer (each case runs on a virtual thread of its own), and the second reading is then free.
     */
    private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

    private record Last(String text, List<Morpheme> morphemes) {
    }

    @Override
    public List<Morpheme> analyze(String text) {
        Last last = LAST.get();
        if (last != null && last.text().equals(text)) {
            return last.morphemes();
        }
        List<Morpheme> morphemes = Collections.unmodifiableList(tokenize(text));
        LAST.set(new Last(text, morphemes));
        return morphemes;
    }

    private List<Morpheme> tokenize(String text) {
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
