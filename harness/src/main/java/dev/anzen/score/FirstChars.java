package dev.anzen.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patterns guarded by the set of chars their matches can start with. A long alternation without a common prefix makes
 * {@code find} try every branch at every position; a one-char lookahead in front rejects most positions at once. The
 * matches are the same as the plain pattern's as long as every branch starts with one of the guard's chars.
 *
 * <p>{@link #auto} works the set out from the regex itself (so a rule edited later keeps a right guard), and
 * {@link #guard} checks a hand-written set against it. {@code FirstCharsTest} also checks, on the labelled corpus and
 * on generated text, that every pattern made here matches exactly where its plain form does.
 */
final class FirstChars {

    /** Every guarded pattern with its plain regex, for the equivalence test (compiled there, not at every start). */
    static final List<Guarded> ALL = new ArrayList<>();

    /** A guarded pattern and the regex it guards. */
    record Guarded(Pattern guarded, String plain) {
    }

    /** The first chars of every guarded pattern, for {@link #find}. */
    private static final Map<Pattern, Guard> GUARDS = new ConcurrentHashMap<>();

    private FirstChars() {
    }

    /**
     * {@code regex} with a guard worked out from the regex: the chars a match can start with, or the text's start for
     * {@code ^}-anchored branches. Falls back to the plain pattern when a match can start anywhere (a leading
     * {@code \w}, {@code .}, an empty match, inline flags).
     */
    static synchronized Pattern auto(String regex) {
        First first = analyse(regex, true);
        if (first == null) {
            return Pattern.compile(regex);
        }
        String guard = first.startOk
                ? (first.chars.isEmpty() ? "^" : "(?:^|(?=" + charClass(first.chars) + "))")
                : "(?=" + charClass(first.chars) + ")";
        Pattern guarded = Pattern.compile(guard + "(?:" + regex + ")");
        ALL.add(new Guarded(guarded, regex));
        // a \b before word chars only: the match cannot start right after another word char
        boolean wordStart = first.wordStart && first.chars.stream().allMatch(c -> isWord((char) c));
        GUARDS.put(guarded, new Guard(first.chars, first.startOk, wordStart,
                twoCharStarts(guarded, regex, first.chars, wordStart)));
        return guarded;
    }

    /**
     * The first match of {@code pattern} in {@code text}, as {@code pattern.matcher(text).find()} finds it, or null.
     * For a pattern made here it tries only the positions its guard allows: the regex engine's own scan costs tens of
     * nanoseconds a position even when the guard rejects it at once, and the rules run dozens of patterns over every
     * sentence. The text's chars and its word starts are worked out once per text and thread ({@link Scan}) and shared
     * by every pattern run over it: a pattern that starts at a word start ("i can't", "we won't") then visits only the
     * words, not every char. ASCII first chars are tested against two words of bits, and the {@code Matcher} is made
     * only when some position is worth a match attempt: most patterns have none in most sentences.
     */
    static Matcher find(Pattern pattern, String text) {
        Guard g = GUARDS.get(pattern);
        int n = text.length();
        if (g == null || n == 0) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m : null;
        }
        Scan scan = Scan.of(text);
        char[] cs = scan.chars;
        // a word-start guard allows only word chars after a non-word char: only the text's word starts qualify
        boolean words = g.wordStart;
        int[] starts = scan.wordStarts;
        Matcher m = null;
        if (words && g.startOk && (scan.wordStartCount == 0 || starts[0] != 0)) {
            // the text's start is tried even where no word starts (an anchored branch)
            m = matcher(pattern, text);
            if (m.lookingAt()) {
                return m;
            }
        }
        int count = words ? scan.wordStartCount : n;
        for (int k = 0; k < count; k++) {
            int i = words ? starts[k] : k;
            char c = cs[i];
            if ((g.has(c) && (g.starts == null || i + 1 == n || g.starts.mayStart(c, cs[i + 1])))
                    || (i == 0 && g.startOk)) {
                if (m == null) {
                    m = matcher(pattern, text);
                }
                m.region(i, n);
                if (m.lookingAt()) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Transparent, non-anchoring bounds: {@code \b}, lookbehinds and {@code ^} see the whole text, as find() does. */
    private static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * A text's chars and the positions where a word starts (a word char after a non-word char or at the start), kept
     * for the last text scanned on this thread: the rules run all their patterns over one clause before the next, so
     * each clause is scanned once. Compared by identity, which is enough for an immutable {@code String}.
     */
    private static final class Scan {
        private static final ThreadLocal<Scan> LAST = ThreadLocal.withInitial(Scan::new);

        String text;
        char[] chars = new char[256];
        int[] wordStarts = new int[64];
        int wordStartCount;

        static Scan of(String text) {
            Scan s = LAST.get();
            if (s.text != text) {
                s.fill(text);
            }
            return s;
        }

        private void fill(String t) {
            int n = t.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            t.getChars(0, n, chars, 0);
            int count = 0;
            boolean prevWord = false;
            for (int i = 0; i < n; i++) {
                boolean word = isWord(chars[i]);
                if (word && !prevWord) {
                    if (count == wordStarts.length) {
                        wordStarts = Arrays.copyOf(wordStarts, count * 2);
                    }
                    wordStarts[count++] = i;
                }
                prevWord = word;
            }
            wordStartCount = count;
            text = t;
        }
    }

    /** ASCII letters, digits and underscore, indexed by char. */
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WORD[c] = c == '_' || Character.isLetterOrDigit(c);
        }
    }

    /**
     * An ASCII letter, digit or underscore: a word char for {@code \b} whether it reads words as {@code \w} does
     * (ASCII) or as Unicode letters and digits (older JDKs), so skipping on it is right under both.
     */
    private static boolean isWord(char c) {
        return c < 128 && WORD[c];
    }

    /**
     * {@code chars}: what a match can start with; {@code startOk}: or the text's start; {@code wordStart}: only at a
     * word start; {@code starts}: which second chars can follow the first (null: not worked out).
     */
    private record Guard(BitSet chars, boolean startOk, boolean wordStart, TwoCharStarts starts, long ascii0,
            long ascii1) {
        Guard(BitSet chars, boolean startOk, boolean wordStart, TwoCharStarts starts) {
            this(chars, startOk, wordStart, starts, asciiBits(chars, 0), asciiBits(chars, 64));
        }

        /** Whether a match can start with {@code c}: ASCII from two words of bits, the rest from the set. */
        boolean has(char c) {
            if (c < 64) {
                return (ascii0 & (1L << c)) != 0;
            }
            if (c < 128) {
                return (ascii1 & (1L << c)) != 0; // a long shift uses the low six bits of c, that is c - 64
            }
            return chars.get(c);
        }

        private static long asciiBits(BitSet chars, int from) {
            long bits = 0;
            for (int c = from; c < from + 64; c++) {
                if (chars.get(c)) {
                    bits |= 1L << c;
                }
            }
            return bits;
        }
    }

    /**
     * Which two-char starts a match can have, asked once of the regex engine itself: a match attempt on just two chars
     * either matches, runs out of input (a longer text could match: {@code hitEnd}), or fails for good. Most words
     * that start with a guard's char ("it", "in", "with") fail for good at the second char, and then cost no match
     * attempt in {@link #find}.
     */
    private interface TwoCharStarts {
        boolean mayStart(char first, char second);
    }

    /** The table that applies to the pattern: ASCII word starts, literal text, or none. */
    private static TwoCharStarts twoCharStarts(Pattern guarded, String regex, BitSet firstChars, boolean wordStart) {
        TwoCharStarts ascii = asciiPairs(guarded, regex, firstChars, wordStart);
        return ascii != null ? ascii : literalPairs(guarded, regex, firstChars);
    }

    /**
     * For patterns that start at a word start and have no lookbehind, where the two chars after a space are all the
     * context a start needs: ASCII first and second chars, one bit each pair (second chars not probed are tried).
     */
    private record AsciiPairs(long[] bits) implements TwoCharStarts {
        @Override
        public boolean mayStart(char first, char second) {
            if (first >= 128 || second >= 128) {
                return true; // outside the table: try
            }
            int bit = first * 128 + second;
            return (bits[bit >>> 6] & (1L << bit)) != 0;
        }
    }

    /** The second chars {@link #asciiPairs} asks about: those that follow a word's first letter in English text. */
    private static final BitSet PROBED = probed();

    private static BitSet probed() {
        BitSet b = new BitSet();
        b.set('a', 'z' + 1);
        b.set('0', '9' + 1);
        " '-,.\n".chars().forEach(b::set);
        return b;
    }

    private static AsciiPairs asciiPairs(Pattern guarded, String regex, BitSet firstChars, boolean wordStart) {
        if (!wordStart || regex.contains("(?<")) {
            return null;
        }
        long[] bits = new long[128 * 128 / 64];
        Matcher m = guarded.matcher("");
        for (int c = firstChars.nextSetBit(0); c >= 0 && c < 128; c = firstChars.nextSetBit(c + 1)) {
            for (int d = 0; d < 128; d++) {
                // not probed (to keep start-up short): always tried; a space before stands for any word start
                if (!PROBED.get(d) || probe(m, new String(new char[] {' ', (char) c, (char) d}), 1)) {
                    int bit = c * 128 + d;
                    bits[bit >>> 6] |= 1L << bit;
                }
            }
        }
        return new AsciiPairs(bits);
    }

    /**
     * Two-char starts of a pattern made only of literal text, groups, alternation, quantifiers and lookaheads (most
     * Japanese phrase lists): a second char that appears nowhere in the regex fails every literal the same way, so one
     * probe with a char foreign to the regex answers for all of them ({@code otherOk}), and the regex's own chars are
     * probed one by one ({@code possible}, sorted {@code first << 16 | second}).
     */
    private record LiteralPairs(BitSet source, int[] possible, BitSet otherOk) implements TwoCharStarts {
        @Override
        public boolean mayStart(char first, char second) {
            return source.get(second) ? Arrays.binarySearch(possible, first << 16 | second) >= 0 : otherOk.get(first);
        }
    }

    private static LiteralPairs literalPairs(Pattern guarded, String regex, BitSet firstChars) {
        // literal text only: no classes, dot, escapes, anchors, lookbehinds or inline flags, which read chars by kind
        if (regex.matches(".*(?:[\\[\\].\\\\^$]|\\(\\?[^:=!]).*") || firstChars.isEmpty()) {
            return null;
        }
        BitSet source = new BitSet();
        regex.chars().forEach(source::set);
        char foreign = '\uE000'; // a private-use char: never in a rule
        while (source.get(foreign)) {
            foreign++;
        }
        Matcher m = guarded.matcher("");
        int[] possible = new int[firstChars.cardinality() * source.cardinality()];
        int n = 0;
        BitSet otherOk = new BitSet();
        for (int c = firstChars.nextSetBit(0); c >= 0; c = firstChars.nextSetBit(c + 1)) {
            for (int d = source.nextSetBit(0); d >= 0; d = source.nextSetBit(d + 1)) {
                if (probe(m, new String(new char[] {(char) c, (char) d}), 0)) {
                    possible[n++] = c << 16 | d;
                }
            }
            if (probe(m, new String(new char[] {(char) c, foreign}), 0)) {
                otherOk.set(c);
            }
        }
        int[] sorted = Arrays.copyOf(possible, n);
        Arrays.sort(sorted);
        return new LiteralPairs(source, sorted, otherOk);
    }

    /**
     * Whether a match can start at {@code from} in {@code text} (the two chars there, with what stands before them as
     * context): it matches, or it ran out of input wanting more.
     */
    private static boolean probe(Matcher m, String text, int from) {
        m.reset(text).useTransparentBounds(true).useAnchoringBounds(false).region(from, text.length());
        return m.lookingAt() || m.hitEnd();
    }

    /**
     * {@code regex}, matching only where the text at the match start is one of {@code chars}. Fails at class
     * initialisation if the regex can start with a char the list leaves out (a branch added without its guard).
     */
    static synchronized Pattern guard(String chars, String regex) {
        // a hand-written guard applies at the text's start too, so ^-anchored branches need their first char listed
        First first = analyse(regex, false);
        if (first != null) {
            BitSet missing = (BitSet) first.chars.clone();
            chars.chars().forEach(missing::clear);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("guard [" + chars + "] misses the first chars " + charClass(missing)
                        + " of " + regex);
            }
        }
        Pattern guarded = Pattern.compile("(?=[" + chars + "])(?:" + regex + ")");
        ALL.add(new Guarded(guarded, regex));
        BitSet set = new BitSet();
        chars.chars().forEach(set::set);
        boolean wordStart = first != null && first.wordStart && chars.chars().allMatch(c -> isWord((char) c));
        GUARDS.put(guarded, new Guard(set, false, wordStart, twoCharStarts(guarded, regex, set, wordStart)));
        return guarded;
    }

    /** A lookbehind-only split pattern, {@code (?<=alternatives)}, guarded by the chars its alternatives end with. */
    static synchronized Pattern guardBehind(String lastChars, String alternatives) {
        Pattern guarded = Pattern.compile("(?<=[" + lastChars + "])(?<=" + alternatives + ")");
        ALL.add(new Guarded(guarded, "(?<=" + alternatives + ")"));
        return guarded;
    }

    /**
     * The chars a match of {@code regex} can start with (with {@code anchors}, a {@code ^} path counts as "the start"
     * instead); null when that is not a known set.
     */
    static First analyse(String regex, boolean anchors) {
        try {
            Parser p = new Parser(regex, anchors);
            First f = p.alternation();
            if (p.at < regex.length() || f.any || f.nullable) {
                return null;
            }
            return f;
        } catch (Unsupported | RuntimeException e) {
            return null; // a construct the analysis does not know: no guard, never a wrong one
        }
    }

    private static String charClass(BitSet chars) {
        StringBuilder sb = new StringBuilder("[");
        for (int c = chars.nextSetBit(0); c >= 0; c = chars.nextSetBit(c + 1)) {
            int end = chars.nextClearBit(c) - 1;
            sb.append(String.format("\\x{%x}", c));
            if (end > c) {
                sb.append(String.format("-\\x{%x}", end));
            }
            c = end;
        }
        return sb.append(']').toString();
    }

    /**
     * What a match can start with: {@code chars}; {@code any} (anything); {@code nullable} (the empty string, so the
     * next element decides too); {@code startOk} (a path anchored at the text's start by {@code ^});
     * {@code wordStart} (every other path starts with {@code \b}).
     */
    record First(BitSet chars, boolean any, boolean nullable, boolean startOk, boolean wordStart) {
    }

    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reader of the regex subset the rules use; anything else is {@link Unsupported}. */
    private static final class Parser {
        private final String re;
        private final boolean anchors; // false: ^ is read as zero-width, and the chars after it count
        private int at;

        Parser(String re, boolean anchors) {
            this.re = re;
            this.anchors = anchors;
        }

        First alternation() throws Unsupported {
            BitSet chars = new BitSet();
            boolean any = false;
            boolean nullable = false;
            boolean startOk = false;
            boolean wordStart = true;
            while (true) {
                First f = sequence();
                chars.or(f.chars);
                any |= f.any;
                nullable |= f.nullable;
                startOk |= f.startOk;
                wordStart &= f.wordStart;
                if (at < re.length() && re.charAt(at) == '|') {
                    at++;
                } else {
                    return new First(chars, any, nullable, startOk, wordStart);
                }
            }
        }

        private First sequence() throws Unsupported {
            BitSet chars = new BitSet();
            boolean any = false;
            boolean startOk = false;
            boolean open = true; // every element so far can be empty: the next one can still start the match
            BitSet lookahead = null; // a positive lookahead on the open path: constrains an otherwise empty match
            boolean boundary = false; // a \b before anything is consumed
            boolean consumed = false;
            boolean allWordStart = true; // every element that gives first chars starts at a \b itself
            boolean anchored = false;
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Element e = element();
                int[] q = quantifier();
                if (!open) {
                    continue;
                }
                switch (e.kind) {
                    case ANCHOR_START -> {
                        startOk = true;
                        anchored = true;
                        open = false; // a path through ^ matches only at the start, which the guard lets through
                    }
                    case BOUNDARY -> boundary |= !consumed;
                    case ZERO_WIDTH -> {
                    }
                    case LOOKAHEAD -> {
                        if (!e.first.nullable && !e.first.any && !e.first.startOk && lookahead == null) {
                            lookahead = e.first.chars;
                        }
                    }
                    case CONSUMING -> {
                        consumed = true;
                        allWordStart &= e.first.wordStart;
                        chars.or(e.first.chars);
                        any |= e.first.any;
                        startOk |= e.first.startOk;
                        if (q[0] > 0 && !e.first.nullable) {
                            open = false;
                        }
                    }
                }
            }
            if (open && lookahead != null) {
                chars.or(lookahead);
                allWordStart = false;
                consumed = true;
                open = false;
            }
            boolean wordStart = boundary || (consumed ? allWordStart : anchored);
            return new First(chars, any, open, startOk, wordStart);
        }

        /** {min} of a quantifier after an element ({1} if none). */
        private int[] quantifier() throws Unsupported {
            if (at >= re.length()) {
                return new int[] {1};
            }
            int min;
            char c = re.charAt(at);
            if (c == '?' || c == '*') {
                min = 0;
                at++;
            } else if (c == '+') {
                min = 1;
                at++;
            } else if (c == '{') {
                int close = re.indexOf('}', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = re.substring(at + 1, close);
                min = Integer.parseInt(body.split(",", -1)[0].trim());
                at = close + 1;
            } else {
                return new int[] {1};
            }
            if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
                at++; // lazy or possessive
            }
            return new int[] {min};
        }

        private Element element() throws Unsupported {
            char c = re.charAt(at);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    return Element.consuming(charClassSet());
                }
                case '\\' -> {
                    return escape();
                }
                case '.' -> {
                    at++;
                    return Element.consuming(anything());
                }
                case '^' -> {
                    at++;
                    return new Element(anchors ? Kind.ANCHOR_START : Kind.ZERO_WIDTH, null);
                }
                case '$' -> {
                    at++;
                    return new Element(Kind.ZERO_WIDTH, null);
                }
                case '*', '+', '?', '{' -> throw new Unsupported();
                default -> {
                    int cp = re.codePointAt(at);
                    at += Character.charCount(cp);
                    return Element.consuming(single(cp));
                }
            }
        }

        private Element group() throws Unsupported {
            at++; // (
            Kind kind = Kind.CONSUMING;
            if (re.startsWith("?:", at) || re.startsWith("?>", at)) {
                at += 2;
            } else if (re.startsWith("?=", at)) {
                at += 2;
                kind = Kind.LOOKAHEAD;
            } else if (re.startsWith("?!", at)) {
                at += 2;
                kind = Kind.ZERO_WIDTH;
            } else if (re.startsWith("?<=", at) || re.startsWith("?<!", at)) {
                at += 3;
                kind = Kind.ZERO_WIDTH;
            } else if (re.startsWith("?<", at)) {
                int close = re.indexOf('>', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                at = close + 1; // named group
            } else if (at < re.length() && re.charAt(at) == '?') {
                throw new Unsupported(); // inline flags change what the chars mean
            }
            First inner = alternation();
            if (at >= re.length() || re.charAt(at) != ')') {
                throw new Unsupported();
            }
            at++;
            return new Element(kind, inner);
        }

        private Element escape() throws Unsupported {
            if (at + 1 >= re.length()) {
                throw new Unsupported();
            }
            char e = re.charAt(at + 1);
            at += 2;
            switch (e) {
                case 'b' -> {
                    return new Element(Kind.BOUNDARY, null);
                }
                case 'B', 'A', 'z', 'Z', 'G' -> {
                    return new Element(e == 'A' && anchors ? Kind.ANCHOR_START : Kind.ZERO_WIDTH, null);
                }
                case 'd' -> {
                    BitSet s = new BitSet();
                    s.set('0', '9' + 1);
                    return Element.consuming(new First(s, false, false, false, false));
                }
                case 's' -> {
                    return Element.consuming(whitespace());
                }
                case 'w' -> {
                    return Element.consuming(wordChars());
                }
                case 'n' -> {
                    return Element.consuming(single('\n'));
                }
                case 't' -> {
                    return Element.consuming(single('\t'));
                }
                case 'r' -> {
                    return Element.consuming(single('\r'));
                }
                case 'f' -> {
                    return Element.consuming(single('\f'));
                }
                case 'p', 'P', 'x' -> {
                    // a property or a hex char: anything, as far as the guard knows
                    if (at < re.length() && re.charAt(at) == '{') {
                        int close = re.indexOf('}', at);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        at = close + 1;
                    } else {
                        at += e == 'x' ? 2 : 1;
                    }
                    return Element.consuming(anything());
                }
                case 'u' -> {
                    at += 4;
                    return Element.consuming(anything());
                }
                case 'W', 'S', 'D', 'h', 'H', 'v', 'V', 'R', 'X' -> {
                    return Element.consuming(anything());
                }
                default -> {
                    if (Character.isDigit(e)) {
                        // a back reference may repeat an empty group: anything, and maybe nothing
                        while (at < re.length() && Character.isDigit(re.charAt(at))) {
                            at++;
                        }
                        return Element.consuming(new First(new BitSet(), true, true, false, false));
                    }
                    if (Character.isLetter(e)) {
                        throw new Unsupported(); // \Q..\E, \k<name> and the like: not worth knowing
                    }
                    return Element.consuming(single(e)); // an escaped metachar stands for itself
                }
            }
        }

        /** A bracket class of literal chars, ranges, \d, \s and \w (negated: anything); nesting is unsupported. */
        private First charClassSet() throws Unsupported {
            at++; // [
            boolean negated = at < re.length() && re.charAt(at) == '^';
            if (negated) {
                at++;
            }
            BitSet s = new BitSet();
            boolean first = true;
            while (at < re.length() && (re.charAt(at) != ']' || first)) {
                first = false;
                int cp;
                if (re.charAt(at) == '[' || re.startsWith("&&", at)) {
                    throw new Unsupported();
                }
                if (re.charAt(at) == '\\') {
                    char e = re.charAt(at + 1);
                    at += 2;
                    if (e == 'd') {
                        s.set('0', '9' + 1);
                        continue;
                    } else if (e == 's') {
                        s.or(whitespace().chars);
                        continue;
                    } else if (e == 'w') {
                        s.or(wordChars().chars);
                        continue;
                    } else if (e == 'n') {
                        cp = '\n';
                    } else if (e == 't') {
                        cp = '\t';
                    } else if (negated && (e == 'S' || e == 'W' || e == 'D')) {
                        continue; // the class matches almost anything anyway
                    } else if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported();
                    } else {
                        cp = e;
                    }
                } else {
                    cp = re.codePointAt(at);
                    at += Character.charCount(cp);
                }
                if (at + 1 < re.length() && re.charAt(at) == '-' && re.charAt(at + 1) != ']') {
                    at++;
                    int hi = re.codePointAt(at);
                    if (hi == '\\') {
                        throw new Unsupported();
                    }
                    at += Character.charCount(hi);
                    checkBmp(hi);
                    checkBmp(cp);
                    s.set(cp, hi + 1);
                } else {
                    checkBmp(cp);
                    s.set(cp);
                }
            }
            if (at >= re.length()) {
                throw new Unsupported();
            }
            at++; // ]
            return negated ? anything() : new First(s, false, false, false, false);
        }

        private static First single(int cp) throws Unsupported {
            checkBmp(cp);
            BitSet s = new BitSet();
            s.set(cp);
            return new First(s, false, false, false, false);
        }

        /** Surrogate pairs are matched as one code point, which a char guard cannot express. */
        private static void checkBmp(int cp) throws Unsupported {
            if (cp > 0xFFFF || Character.isSurrogate((char) cp)) {
                throw new Unsupported();
            }
        }

        private static First whitespace() {
            BitSet s = new BitSet();
            for (char w : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                s.set(w);
            }
            return new First(s, false, false, false, false);
        }

        /** {@code \w} without UNICODE_CHARACTER_CLASS: ASCII letters, digits and the underscore. */
        private static First wordChars() {
            BitSet s = new BitSet();
            s.set('a', 'z' + 1);
            s.set('A', 'Z' + 1);
            s.set('0', '9' + 1);
            s.set('_');
            return new First(s, false, false, false, false);
        }

        private static First anything() {
            return new First(new BitSet(), true, false, false, false);
        }
    }

    private enum Kind { CONSUMING, ZERO_WIDTH, BOUNDARY, LOOKAHEAD, ANCHOR_START }

    private record Element(Kind kind, First first) {
        static Element consuming(First f) {
            return new Element(Kind.CONSUMING, f);
        }
    }
}
