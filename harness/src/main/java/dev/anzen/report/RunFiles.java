package dev.anzen.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.anzen.judge.JudgeLabel;
import dev.anzen.result.Formats;
import dev.anzen.result.Json;
import dev.anzen.result.Manifest;
import dev.anzen.result.ResponseRecord;
import dev.anzen.result.ScoreRecord;
import dev.anzen.score.Verdict;
import dev.anzen.suite.Expected;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a finished (or interrupted) run directory line by line, so nothing but the current line is held. A line that
 * is not JSON (a crash's torn last line) is skipped and reported; a line that is JSON but not a record Anzen wrote is
 * a {@link BadRunException} naming file, line and field.
 */
public final class RunFiles {

    public static final String MANIFEST = "manifest.json";
    public static final String RESPONSES = "responses.jsonl";
    public static final String SCORES = "scores.jsonl";

    /** A run file that Anzen cannot read: the message names file, line and field. */
    public static final class BadRunException extends IOException {
        public BadRunException(String message) {
            super(message);
        }
    }

    private RunFiles() {
    }

    /** The run's manifest; a clear error if {@code dir} is not a run directory. */
    public static Manifest manifest(Path dir) throws IOException {
        Path f = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(f)) {
            throw new BadRunException(dir + " is not a run directory: it has no " + MANIFEST);
        }
        try {
            Manifest m = Json.MAPPER.readValue(f.toFile(), Manifest.class);
            if (m.formatVersion() > Formats.MANIFEST) {
                throw new BadRunException(f + ": field 'format_version': " + m.formatVersion()
                        + " is newer than this Anzen reads (" + Formats.MANIFEST + ")");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new BadRunException(f + ": not a valid manifest: " + e.getOriginalMessage());
        }
    }

    /**
     * Streams the lines of {@code scores.jsonl} that count, one per response; {@code torn} receives "file:line" of
     * each unreadable line. The rule and judge lines of a judged response ({@code final: false}) are checked, a
     * judge's own verdict word allowed, and skipped: the panel's final line carries the verdict.
     */
    public static void scores(Path dir, Consumer<ScoreRecord> each, Consumer<String> torn) throws IOException {
        Path f = dir.resolve(SCORES);
        if (!Files.isRegularFile(f)) {
            throw new BadRunException(dir + " is not a run directory: it has no " + SCORES);
        }
        lines(f, ScoreRecord.class, torn, (r, where) -> {
            checkVersion(r.v(), Formats.SCORES, where);
            require(r.target(), "target", where);
            require(r.caseId(), "case_id", where);
            known(Lang.fromCode(r.lang()).isPresent(), "lang", r.lang(), where);
            known(Perspective.fromId(r.perspective()).isPresent(), "perspective", r.perspective(), where);
            known(Expected.fromId(r.expected()).isPresent(), "expected", r.expected(), where);
            boolean verdict;
            try {
                Verdict.fromId(r.verdict());
                verdict = true;
            } catch (IllegalArgumentException e) {
                verdict = !r.counts() && JudgeLabel.fromId(r.verdict()).isPresent();
            }
            known(verdict, "verdict", r.verdict(), where);
            if (r.technique() == null) {
                throw new BadRunException(where + ": field 'technique': missing");
            }
            if (r.counts()) {
                each.accept(r);
            }
        });
    }

    /** Streams {@code responses.jsonl}; {@code torn} receives "file:line" of each unreadable line. */
    public static void responses(Path dir, Consumer<ResponseRecord> each, Consumer<String> torn) throws IOException {
        Path f = dir.resolve(RESPONSES);
        if (!Files.isRegularFile(f)) {
            throw new BadRunException(dir + " is not a run directory: it has no " + RESPONSES);
        }
        lines(f, ResponseRecord.class, torn, (r, where) -> {
            checkVersion(r.v(), Formats.RESPONSES, where);
            require(r.target(), "target", where);
            require(r.caseId(), "case_id", where);
            each.accept(r);
        });
    }

    private interface LineHandler<T> {
        void handle(T record, String where) throws BadRunException;
    }

    private static <T> void lines(Path f, Class<T> type, Consumer<String> torn, LineHandler<T> handler)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                T r;
                try {
                    r = Json.MAPPER.readValue(line, type);
                } catch (MismatchedInputException e) {
                    // well-formed JSON of the wrong shape is not a crash's torn line: the file is not Anzen's
                    String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
                    String why = e.getOriginalMessage();
                    why = why.length() > 200 ? why.substring(0, 200) + "…" : why;
                    throw new BadRunException(f + ":" + n + (field == null ? ": not a JSON object of this file: "
                            : ": field '" + field + "': ") + why);
                } catch (JsonProcessingException e) {
                    torn.accept(f + ":" + n);
                    continue;
                }
                handler.handle(r, f + ":" + n);
            }
        }
    }

    private static void checkVersion(int v, int known, String where) throws BadRunException {
        if (v > known) {
            throw new BadRunException(where + ": field 'v': format " + v + " is newer than this Anzen reads ("
                    + known + ")");
        }
    }

    private static void require(String value, String field, String where) throws BadRunException {
        if (value == null || value.isEmpty()) {
            throw new BadRunException(where + ": field '" + field + "': missing");
        }
    }

    private static void known(boolean ok, String field, String value, String where) throws BadRunException {
        if (!ok) {
            throw new BadRunException(where + ": field '" + field + "': unknown value '" + value + "'");
        }
    }
}
