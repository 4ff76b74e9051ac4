package dev.anzen.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import java.util.Locale;

/**
 * Text after NFKC (full/half width folded), lower-casing and whitespace folding, with a map from every normalised
 * char back to the original offset, so evidence found in the normalised text points at the original.
 */
public final class NormalizedText {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    /**
     * NFKC then lower case of each single BMP char seen, filled on first use. Most segments are one char, and
     * normalising them one by one made three short-lived strings per char (half the scorer's allocation); the result
     * depends on the char alone, so a lookup gives the same text. Racy filling is safe: the values are immutable
     * strings, and two threads computing the same entry compute equal strings.
     */
    private static final String[] ONE_CHAR = new String[Character.MAX_VALUE + 1];
    /**
     * Per BMP char, filled on first use like {@link #ONE_CHAR}: {@link #BOUNDARY} if NFKC has a boundary before it,
     * {@link #INVISIBLE} if {@link #isInvisible} drops it, {@link #KNOWN} once worked out. Both answers depend on the
     * char alone; asking ICU's tries for every char of every answer was a tenth of the English detector's time.
     */
    private static final byte[] FLAGS = new byte[Character.MAX_VALUE + 1];
    private static final byte KNOWN = 1;
    private static final byte BOUNDARY = 2;
    private static final byte INVISIBLE = 4;

    private final String original;
    private final String text;
    private final int[] toOriginal;
    private final int[] toOriginalEnd;

    private NormalizedText(String original, String text, int[] toOriginal, int[] toOriginalEnd) {
        this.original = original;
        this.text = text;
        this.toOriginal = toOriginal;
        this.toOriginalEnd = toOriginalEnd;
    }

    /** Normalises {@code s}: NFKC, lower case, zero-width characters removed, runs of
     * whitespace folded to one space, runs of line breaks folded to one line break. */
    public static NormalizedText of(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int[] map = new int[s.length() + 1];
        int[] ends = new int[s.length() + 1];
        int segStart = 0;
        boolean lastSpace = true; // drops leading whitespace
        int i = 0;
        while (i <= s.length()) {
            // normalise segment [segStart, i) when a boundary is reached
            boolean boundary = i == s.length() || (i > segStart && boundaryBefore(s, i));
            if (boundary && i > segStart) {
                String seg = i - segStart == 1 ? oneChar(s.charAt(segStart))
                        : NFKC.normalize(s.substring(segStart, i)).toLowerCase(Locale.ROOT);
                for (int k = 0; k < seg.length(); k++) {
                    char ch = seg.charAt(k);
                    if ((flags(ch) & INVISIBLE) != 0) {
                        continue;
                    }
                    if (ch == '\n' || ch == '\r') {
                        // a line break survives (lists and paragraphs matter to scorers); it absorbs spaces around it
                        if (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                            out.setLength(out.length() - 1);
                        }
                        if (out.length() == 0 || out.charAt(out.length() - 1) == '\n') {
                            continue;
                        }
                        ch = '\n';
                        lastSpace = true;
                    } else if (Character.isWhitespace(ch) || ch == '\u3000') {
                        if (lastSpace) {
                            continue;
                        }
                        ch = ' ';
                        lastSpace = true;
                    } else {
                        lastSpace = false;
                    }
                    if (out.length() + 1 >= map.length) {
                        map = java.util.Arrays.copyOf(map, map.length * 2 + 4);
                        ends = java.util.Arrays.copyOf(ends, map.length);
                    }
                    map[out.length()] = segStart;
                    ends[out.length()] = i;
                    out.append(ch);
                }
                segStart = i;
            }
            if (i == s.length()) {
                break;
            }
            i += Character.charCount(s.codePointAt(i));
        }
        int len = out.length();
        while (len > 0 && (out.charAt(len - 1) == ' ' || out.charAt(len - 1) == '\n')) {
            out.setLength(--len);
        }
        int[] exact = java.util.Arrays.copyOf(map, len + 1);
        exact[len] = s.length();
        int[] exactEnds = java.util.Arrays.copyOf(ends, len + 1);
        exactEnds[len] = s.length();
        return new NormalizedText(s, out.toString(), exact, exactEnds);
    }

    /** Whether NFKC has a boundary before the code point at {@code i}. */
    private static boolean boundaryBefore(String s, int i) {
        char c = s.charAt(i);
        if (Character.isSurrogate(c)) {
            return NFKC.hasBoundaryBefore(s.codePointAt(i));
        }
        return (flags(c) & BOUNDARY) != 0;
    }

    /** {@link #FLAGS} of one char, worked out on first use. */
    private static byte flags(char c) {
        byte f = FLAGS[c];
        if (f == 0) {
            f = (byte) (KNOWN | (NFKC.hasBoundaryBefore(c) ? BOUNDARY : 0) | (isInvisible(c) ? INVISIBLE : 0));
            FLAGS[c] = f;
        }
        return f;
    }

    /** NFKC and lower case of one char, as {@link #of} would compute it for a one-char segment. */
    private static String oneChar(char c) {
        String v = ONE_CHAR[c];
        if (v == null) {
            v = NFKC.normalize(String.valueOf(c)).toLowerCase(Locale.ROOT);
            ONE_CHAR[c] = v;
        }
        return v;
    }

    /** Zero-width and format characters that hide inside words (U+200B-U+200D, U+2060, U+FEFF, tags...). */
    public static boolean isInvisible(int ch) {
        return ch == '\u200B' || ch == '\u200C' || ch == '\u200D' || ch == '\u2060' || ch == '\uFEFF'
                || ch == '\u00AD' || (UCharacter.getType(ch) == UCharacter.FORMAT && ch != '\u061C');
    }

    public String text() {
        return text;
    }

    public String original() {
        return original;
    }

    /** Offset in the original text of normalised offset {@code i} (0..length). */
    public int originalOffset(int i) {
        return toOriginal[Math.max(0, Math.min(i, toOriginal.length - 1))];
    }

    /** The original text behind normalised range [start, end). */
    public String originalSlice(int start, int end) {
        if (end <= start) {
            return "";
        }
        int a = originalOffset(start);
        int b = toOriginalEnd[Math.max(0, Math.min(end - 1, toOriginalEnd.length - 1))];
        return original.substring(a, Math.max(a, b));
    }

    @Override
    public String toString() {
        return text;
    }
}
