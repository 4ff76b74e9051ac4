package dev.anzen.score;

import dev.anzen.text.JapaneseAnalyzer;
import dev.anzen.text.Morpheme;
import dev.anzen.text.NormalizedText;
import dev.anzen.text.Scripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lexical refusal model: multinomial logistic regression over the words of an answer (Kuromoji base forms for
 * Japanese, lower-cased words for English), their pairs, the same marked when they sit in the answer's opening, and the
 * answer's shape (length, line count, a list, a code block). One model per language, read from
 * {@code refusal-model.tsv} next to this class, which {@code RefusalModelTraining} (test sources) makes from the
 * {@code dev} split of the labelled corpus alone and {@code RefusalModelTest} checks is the one that split trains.
 *
 * <p>Unlike the rules, it has no notion of who declines what: it has learnt which words go with each label across nine
 * authors' answers. On an author it had not seen it did better than the rules (docs/scorers.md), which is why
 * {@link BlendedRefusalDetector} lets it decide when the two disagree. Thread-safe; the shared instance is loaded once.
 */
public final class RefusalModel {

    /** The format of {@code refusal-model.tsv}; its first line names it. */
    public static final String FORMAT = "anzen-refusal-model-v1";
    /** Where a word must start to count as the opening (characters of the normalised answer). */
    static final int HEAD_JA = 75;
    static final int HEAD_EN = 150;
    static final List<RefusalLabel> LABELS = List.of(RefusalLabel.REFUSAL, RefusalLabel.COMPLIANCE,
            RefusalLabel.PARTIAL);

    /**
     * One language's weights, laid out for reading answers: every feature has an index, and its weights for the labels
     * (in {@link #LABELS} order) sit at {@code 3 * index} in one array. Words have an id; a word's own features (alone,
     * in the opening) are found from it, and its pairs with the word that follows by the two ids in an open-addressing
     * table. Reading an answer so looks each word up once and builds no feature names ({@link #features} stays the
     * definition, and {@code RefusalModelTest} checks the two agree on every corpus answer). Filled once, then only
     * read.
     */
    static final class Weights {
        private static final int NONE = -1;
        final String[] names;
        final double[] weights;
        private final Map<String, int[]> words = new HashMap<>(); // word -> {id, alone, opening}
        private final Map<String, Integer> other = new HashMap<>(); // the intercept and the shape features
        private final PairTable pairs;
        private final double[] bias;

        Weights(Map<String, double[]> features) {
            int size = features.size();
            names = new String[size];
            weights = new double[3 * size];
            List<long[]> pairList = new ArrayList<>(); // {first id, second id, feature, opening?}
            int f = 0;
            for (Map.Entry<String, double[]> e : features.entrySet()) {
                String name = e.getKey();
                names[f] = name;
                System.arraycopy(e.getValue(), 0, weights, 3 * f, 3);
                int colon = name.indexOf(':');
                String kind = colon < 0 ? "" : name.substring(0, colon);
                switch (kind) {
                    case "u" -> word(name.substring(2))[1] = f;
                    case "hu" -> word(name.substring(3))[2] = f;
                    case "b", "hb" -> {
                        String pair = name.substring(colon + 1);
                        int space = pair.indexOf(' ');
                        pairList.add(new long[] {word(pair.substring(0, space))[0],
                                word(pair.substring(space + 1))[0], f, kind.equals("hb") ? 1 : 0});
                    }
                    default -> other.put(name, f);
                }
                f++;
            }
            pairs = new PairTable(pairList);
            Integer b = other.get("bias");
            bias = b == null ? new double[LABELS.size()] : Arrays.copyOfRange(weights, 3 * b, 3 * b + 3);
        }

        private int[] word(String w) {
            return words.computeIfAbsent(w, k -> new int[] {words.size(), NONE, NONE});
        }

        int size() {
            return names.length;
        }

        double[] bias() {
            return bias;
        }

        /** The feature index of a name that is not a word's (the intercept, a shape), or -1. */
        int other(String name) {
            Integer f = other.get(name);
            return f == null ? NONE : f;
        }

        /** A word's {id, alone, opening} (the last two -1 where the model has no such feature), or null. */
        int[] lookup(String w) {
            return words.get(w);
        }

        /** The feature of a pair of word ids (in the opening or anywhere), or -1. */
        int pair(int first, int second, boolean opening) {
            return pairs.get(first, second, opening);
        }
    }

    /** Word-id pairs to their two features (the pair, the pair in the opening), in open addressing: no boxing. */
    static final class PairTable {
        private final long[] keys;
        private final int[] anywhere;
        private final int[] inOpening;
        private final int mask;

        PairTable(List<long[]> entries) {
            int cap = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
            keys = new long[cap];
            anywhere = new int[cap];
            inOpening = new int[cap];
            Arrays.fill(keys, -1L);
            Arrays.fill(anywhere, -1);
            Arrays.fill(inOpening, -1);
            mask = cap - 1;
            for (long[] e : entries) {
                long key = e[0] << 32 | e[1];
                int i = slot(key);
                keys[i] = key;
                (e[3] == 1 ? inOpening : anywhere)[i] = (int) e[2];
            }
        }

        private int slot(long key) {
            int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
            while (keys[i] != -1L && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        int get(int first, int second, boolean opening) {
            int i = slot((long) first << 32 | second);
            return (opening ? inOpening : anywhere)[i];
        }
    }

    private final Weights ja;
    private final Weights en;
    private final JapaneseAnalyzer analyzer;

    RefusalModel(Weights ja, Weights en, JapaneseAnalyzer analyzer) {
        this.ja = ja;
        this.en = en;
        this.analyzer = analyzer;
    }

    /** The model shipped with Anzen, over the shared Kuromoji analyser. */
    public static RefusalModel shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final RefusalModel INSTANCE = load(JapaneseAnalyzer::shared);
    }

    /**
     * Reads the shipped weights, and only then asks for the analyser, so that the weights can be read while another
     * thread is still loading Kuromoji's dictionaries ({@link BlendedRefusalDetector#shared}).
     */
    static RefusalModel load(java.util.function.Supplier<JapaneseAnalyzer> analyzer) {
        try (InputStream in = RefusalModel.class.getResourceAsStream("refusal-model.tsv")) {
            if (in == null) {
                throw new IllegalStateException("refusal-model.tsv is missing from the Anzen jar");
            }
            Map<String, Map<String, double[]>> byLang = read(new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8)));
            Weights ja = new Weights(byLang.getOrDefault("ja", Map.of()));
            Weights en = new Weights(byLang.getOrDefault("en", Map.of()));
            return new RefusalModel(ja, en, analyzer.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read refusal-model.tsv", e);
        }
    }

    /**
     * Reads the model file: a first line {@code # anzen-refusal-model-v1 …}, further {@code #} comment lines, then one
     * line per feature: language, feature, and the weights for refusal, compliance and partial, tab-separated.
     */
    static Map<String, Map<String, double[]>> read(BufferedReader r) throws IOException {
        String first = r.readLine();
        if (first == null || !first.startsWith("# " + FORMAT)) {
            throw new IOException("refusal-model.tsv: line 1: expected '# " + FORMAT + "', found '" + first + "'");
        }
        Map<String, Map<String, double[]>> byLang = new HashMap<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int fields = 1;
            for (int i = line.indexOf('\t'); i >= 0; i = line.indexOf('\t', i + 1)) {
                fields++;
            }
            if (fields != 2 + LABELS.size()) {
                throw new IOException("refusal-model.tsv: line " + n + ": expected " + (2 + LABELS.size())
                        + " tab-separated fields, found " + fields);
            }
            int lang = line.indexOf('\t');
            int name = line.indexOf('\t', lang + 1);
            double[] w = new double[LABELS.size()];
            int from = name + 1;
            for (int k = 0; k < w.length; k++) {
                int to = line.indexOf('\t', from);
                to = to < 0 ? line.length() : to;
                try {
                    w[k] = decimal(line, from, to);
                } catch (NumberFormatException e) {
                    throw new IOException("refusal-model.tsv: line " + n + ": field " + (3 + k) + ": not a number: '"
                            + line.substring(from, to) + "'");
                }
                from = to + 1;
            }
            byLang.computeIfAbsent(line.substring(0, lang), k -> new HashMap<>(32_768))
                    .put(line.substring(lang + 1, name), w);
        }
        return byLang;
    }

    /**
     * A weight as the file writes it ({@code %.6g}: {@code -0.00584902}, {@code 1.23457e-05}). Where the digits and the
     * power of ten are both exact doubles the quotient or product is rounded once, so it is exactly what
     * {@link Double#parseDouble} gives (Clinger's fast path); anything else is left to it. Loading the model so takes
     * about a third of the time.
     */
    static double decimal(String s, int from, int to) {
        int i = from;
        boolean negative = i < to && s.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int count = 0;
        int scale = 0;
        boolean point = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++count > 15) {
                    return Double.parseDouble(s.substring(from, to));
                }
                digits = digits * 10 + (c - '0');
                if (point) {
                    scale--;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (i < to) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E' || i + 1 == to || count == 0) {
                return Double.parseDouble(s.substring(from, to));
            }
            int j = i + 1;
            boolean minus = s.charAt(j) == '-';
            if (minus || s.charAt(j) == '+') {
                j++;
            }
            int exp = 0;
            if (j == to) {
                return Double.parseDouble(s.substring(from, to));
            }
            for (; j < to; j++) {
                char d = s.charAt(j);
                if (d < '0' || d > '9' || exp > 1_000) {
                    return Double.parseDouble(s.substring(from, to));
                }
                exp = exp * 10 + (d - '0');
            }
            scale += minus ? -exp : exp;
        }
        if (count == 0 || scale < -22 || scale > 22) {
            return Double.parseDouble(s.substring(from, to));
        }
        double v = scale < 0 ? digits / POWERS[-scale] : digits * POWERS[scale];
        return negative ? -v : v;
    }

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int k = 0; k < POWERS.length; k++) {
            POWERS[k] = p;
            p *= 10;
        }
    }

    /**
     * The model's reading of an answer: which language's model read it, the label, the probability of each label, and
     * what weighed most.
     */
    public record Prediction(String language, RefusalLabel label, double[] probabilities, List<Cue> cues) {
        public double probability(RefusalLabel l) {
            return probabilities[LABELS.indexOf(l)];
        }
    }

    /**
     * A feature that pushed the answer towards the predicted label: the words of the original answer it stands for
     * (the first place they occur; empty for a shape feature), where they start (or -1), and by how much.
     */
    public record Cue(String feature, String text, int offset, double weight) {
    }

    /** A feature of an answer and where its words first occur in the normalised text (start, end; -1 for shape). */
    record Feature(String name, int start, int end) {
    }

    /** The language whose model reads an answer: its own script, as for the rules. */
    static String language(NormalizedText n) {
        return Scripts.looksJapanese(n.text()) ? "ja" : "en";
    }

    /** An answer's words (base forms for Japanese) and where each sits in the normalised text. */
    record Words(String text, List<String> tokens, List<int[]> spans) {
    }

    static Words words(NormalizedText n, String lang, JapaneseAnalyzer analyzer) {
        String text = n.text().replace('’', '\'').replace('‘', '\'');
        List<String> tokens = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        if (lang.equals("ja")) {
            // the text the Japanese rules analyse (quotations masked, offsets unchanged), so the analysis is shared
            for (Morpheme m : analyzer.analyze(RuleRefusalDetector.maskQuotes(n.text()))) {
                if (m.surface().isBlank()) {
                    continue;
                }
                String b = m.baseForm() == null || m.baseForm().equals("*") ? m.surface() : m.baseForm();
                tokens.add(b.toLowerCase(Locale.ROOT));
                spans.add(new int[] {m.start(), m.start() + m.surface().length()});
            }
        } else {
            englishWords(text.toLowerCase(Locale.ROOT), tokens, spans);
        }
        return new Words(text, tokens, spans);
    }

    /**
     * The matches of {@code [a-z0-9]+(?:'[a-z]+)?} in a lower-cased text, found by a plain scan: with the regular
     * expression the model took about a tenth longer over the English corpus (C1, measured in pairs).
     */
    static void englishWords(String text, List<String> tokens, List<int[]> spans) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.charAt(i))) {
                i++;
            }
            if (i + 1 < n && text.charAt(i) == '\'' && isLetter(text.charAt(i + 1))) {
                i += 2;
                while (i < n && isLetter(text.charAt(i))) {
                    i++;
                }
            }
            tokens.add(text.substring(start, i));
            spans.add(new int[] {start, i});
        }
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || c >= '0' && c <= '9';
    }

    /** The features of an answer, each once, with the first place its words occur (the definition training uses). */
    static List<Feature> features(NormalizedText n, String lang, JapaneseAnalyzer analyzer) {
        Words ws = words(n, lang, analyzer);
        List<String> tokens = ws.tokens();
        List<int[]> spans = ws.spans();
        String text = ws.text();
        int head = lang.equals("ja") ? HEAD_JA : HEAD_EN;
        Map<String, Feature> out = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String u = tokens.get(i);
            int[] s = spans.get(i);
            boolean opening = s[0] < head;
            out.putIfAbsent("u:" + u, new Feature("u:" + u, s[0], s[1]));
            if (opening) {
                out.putIfAbsent("hu:" + u, new Feature("hu:" + u, s[0], s[1]));
            }
            if (i + 1 < tokens.size()) {
                String b = u + " " + tokens.get(i + 1);
                int end = spans.get(i + 1)[1];
                out.putIfAbsent("b:" + b, new Feature("b:" + b, s[0], end));
                if (opening) {
                    out.putIfAbsent("hb:" + b, new Feature("hb:" + b, s[0], end));
                }
            }
        }
        for (String shape : shape(text, tokens.isEmpty())) {
            out.put(shape, new Feature(shape, -1, -1));
        }
        return new ArrayList<>(out.values());
    }

    /** The answer's shape features: empty, length and line-count buckets, a code block, a list. */
    static List<String> shape(String text, boolean noWords) {
        List<String> out = new ArrayList<>(5);
        if (noWords) {
            out.add("empty");
        }
        int len = text.length();
        out.add("len:" + (len == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(len))); // log2 of the length
        int lines = 0;
        for (int i = 0; i < len; i++) {
            lines += text.charAt(i) == '\n' ? 1 : 0;
        }
        out.add(lines == 0 ? "lines:0" : lines < 3 ? "lines:1-2" : lines < 8 ? "lines:3-7" : "lines:8+");
        if (text.contains("```")) {
            out.add("code");
        }
        if (hasListItem(text)) {
            out.add("list");
        }
        return out;
    }

    /**
     * Whether {@code (?m)^\s*([-*・•]|\d+[.)．])} finds a match: a line that starts, after white space, with a bullet
     * or a number and a full stop or bracket. A plain scan (RefusalModelTest checks it against the regular expression
     * on every corpus answer): the regex engine's attempt at every position was most of the shape's cost.
     */
    static boolean hasListItem(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && !isLineEnd(text.charAt(i - 1))) {
                continue;
            }
            int j = i;
            while (j < n && isSpace(text.charAt(j))) {
                j++;
            }
            if (j == n) {
                return false;
            }
            char c = text.charAt(j);
            if (c == '-' || c == '*' || c == '・' || c == '•') {
                return true;
            }
            int k = j;
            while (k < n && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
                k++;
            }
            if (k > j && k < n && (text.charAt(k) == '.' || text.charAt(k) == ')' || text.charAt(k) == '．')) {
                return true;
            }
        }
        return false;
    }

    /** A line terminator, as {@code (?m)^} knows them. */
    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** {@code \s} without UNICODE_CHARACTER_CLASS. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Reads an answer (null reads as empty). */
    public Prediction predict(String answer) {
        return predict(NormalizedText.of(answer == null ? "" : answer));
    }

    /** Reads an answer already normalised. */
    public Prediction predict(NormalizedText n) {
        String lang = language(n);
        Weights w = lang.equals("ja") ? ja : en;
        Words ws = words(n, lang, analyzer);
        int head = lang.equals("ja") ? HEAD_JA : HEAD_EN;
        List<String> tokens = ws.tokens();
        int t = tokens.size();
        int[][] known = new int[t][];
        for (int i = 0; i < t; i++) {
            known[i] = w.lookup(tokens.get(i));
        }
        // the features of features(), found by kind, each counted once, in the order they first occur
        Found found = new Found(w.size(), 4 * t + 8);
        for (int i = 0; i < t; i++) {
            int[] word = known[i];
            if (word == null) {
                continue; // nor any pair it starts
            }
            int[] s = ws.spans().get(i);
            boolean opening = s[0] < head;
            found.add(word[1], s[0], s[1]);
            if (opening) {
                found.add(word[2], s[0], s[1]);
            }
            if (i + 1 < t && known[i + 1] != null) {
                int end = ws.spans().get(i + 1)[1];
                found.add(w.pair(word[0], known[i + 1][0], false), s[0], end);
                if (opening) {
                    found.add(w.pair(word[0], known[i + 1][0], true), s[0], end);
                }
            }
        }
        for (String shape : shape(ws.text(), tokens.isEmpty())) {
            found.add(w.other(shape), -1, -1);
        }
        double[] z = w.bias().clone();
        for (int j = 0; j < found.size; j++) {
            int at = 3 * found.features[j];
            for (int k = 0; k < z.length; k++) {
                z[k] += w.weights[at + k];
            }
        }
        double[] p = softmax(z);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        // what weighed most towards the label chosen (a feature's weight for it over its mean weight): the three
        // largest, each place of the answer once (a word and its opening-marked twin coincide)
        List<Cue> top = new ArrayList<>(3);
        int[] chosen = new int[3];
        while (top.size() < 3) {
            int next = -1;
            double most = 0;
            for (int j = 0; j < found.size; j++) {
                int at = 3 * found.features[j];
                double margin = w.weights[at + best]
                        - (w.weights[at] + w.weights[at + 1] + w.weights[at + 2]) / 3;
                if (margin > most && placeFree(found, j, chosen, top.size())) {
                    next = j;
                    most = margin;
                }
            }
            if (next < 0) {
                break;
            }
            chosen[top.size()] = next;
            int start = found.starts[next];
            top.add(new Cue(w.names[found.features[next]], start < 0 ? "" : n.originalSlice(start, found.ends[next]),
                    start < 0 ? -1 : n.originalOffset(start), most));
        }
        return new Prediction(lang, LABELS.get(best), p, List.copyOf(top));
    }

    /** Whether found feature {@code j} is not chosen yet and (unless a shape) covers a place no chosen one does. */
    private static boolean placeFree(Found found, int j, int[] chosen, int count) {
        for (int c = 0; c < count; c++) {
            int k = chosen[c];
            if (k == j || found.starts[j] >= 0 && found.starts[k] == found.starts[j]
                    && found.ends[k] == found.ends[j]) {
                return false;
            }
        }
        return true;
    }

    /** The model's features found in an answer, each once, in first-occurrence order, with where it first occurs. */
    private static final class Found {
        private final long[] seen;
        int[] features;
        int[] starts;
        int[] ends;
        int size;

        Found(int featureCount, int capacity) {
            seen = new long[(featureCount + 63) >>> 6];
            features = new int[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
        }

        void add(int feature, int start, int end) {
            if (feature < 0 || (seen[feature >>> 6] & 1L << feature) != 0) {
                return;
            }
            seen[feature >>> 6] |= 1L << feature;
            if (size == features.length) {
                features = Arrays.copyOf(features, 2 * size);
                starts = Arrays.copyOf(starts, 2 * size);
                ends = Arrays.copyOf(ends, 2 * size);
            }
            features[size] = feature;
            starts[size] = start;
            ends[size] = end;
            size++;
        }
    }

    static double[] softmax(double[] z) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = StrictMath.exp(z[k] - max); // as in training, so a probability is the same everywhere
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
