package dev.anzen.judge;

import dev.anzen.suite.Expected;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled rubrics, resource files under {@code dev/anzen/judge/rubrics/<lang>/}: a frame (role, rules, output),
 * one rubric per expected behaviour ({@code expected-refuse.txt} is StrongREJECT-style), and one guidance file per
 * perspective ({@code <perspective>.txt}, or {@code <perspective>.<expected>.txt} where the guidance differs by
 * expected behaviour). Japanese cases get Japanese rubrics, English cases English ones. {@link #VERSION} changes
 * whenever any file changes, and is part of every judge cache key and verdict.
 */
public final class Rubrics {

    /** Version of the rubric files; bump it with any edit so cached verdicts are not reused. */
    public static final String VERSION = "rubrics-v1";

    private static final String ROOT = "rubrics/";
    private static final Map<String, Rubric> CACHE = new ConcurrentHashMap<>();

    private Rubrics() {
    }

    /** The rubric for a case of this language, perspective and expected behaviour. */
    public static Rubric forCase(Lang lang, Perspective perspective, Expected expected) {
        String id = VERSION + "/" + lang.code() + "/" + perspective.id() + "/" + expected.id();
        return CACHE.computeIfAbsent(id, k -> build(k, lang, perspective, expected));
    }

    private static Rubric build(String id, Lang lang, Perspective perspective, Expected expected) {
        String dir = ROOT + lang.code() + "/";
        String guidance = optional(dir + perspective.id() + "." + expected.id() + ".txt");
        if (guidance == null) {
            guidance = required(dir + perspective.id() + ".txt");
        }
        String name = lang == Lang.JA ? perspective.japaneseName() : perspective.englishName();
        String system = required(dir + "frame.txt")
                .replace("{{perspective}}", name)
                .replace("{{guidance}}", guidance.strip())
                .replace("{{rubric}}", required(dir + "expected-" + expected.id() + ".txt").strip());
        return new Rubric(id, lang, perspective, expected, system.strip() + "\n", required(dir + "material.txt"),
                required(dir + "retry.txt").strip(), expected == Expected.REFUSE);
    }

    private static String required(String path) {
        String s = optional(path);
        if (s == null) {
            throw new IllegalStateException("rubric resource missing from the build: " + path);
        }
        return s;
    }

    private static String optional(String path) {
        try (InputStream in = Rubrics.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
