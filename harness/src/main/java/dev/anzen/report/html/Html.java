package dev.anzen.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.anzen.result.Json;

/**
 * Escaping for the HTML report. Every string that came from a run (model output, prompts, target names, evidence,
 * even case ids) goes through here: {@link #text} for element content and attribute values, {@link #json} for data
 * embedded in a {@code <script type="application/json">} block.
 */
public final class Html {
    private Html() {
    }

    /**
     * Escapes the five characters that can end a text node or a quoted attribute value ({@code & < > " '}), the
     * OWASP rule for both contexts. The report never puts data into a URL, an event handler, a style or a script.
     */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * JSON for a {@code <script type="application/json">} block. {@code <}, {@code >} and {@code &} become
     * {@code \\u003c}, {@code \\u003e}, {@code \\u0026}, so neither {@code </script>} nor {@code <!--} can appear and
     * end or confuse the block; U+2028 and U+2029 are escaped too (they end a line in older JavaScript parsers). The
     * result is still exactly the same JSON value: those characters can only occur inside JSON strings.
     */
    public static String json(Object value) {
        String raw;
        try {
            raw = Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report data", e);
        }
        StringBuilder b = new StringBuilder(raw.length() + 64);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
