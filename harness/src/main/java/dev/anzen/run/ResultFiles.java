package dev.anzen.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.anzen.report.Aggregator;
import dev.anzen.result.Json;
import dev.anzen.result.JsonlWriter;
import dev.anzen.result.Manifest;
import dev.anzen.result.ResponseRecord;
import dev.anzen.result.ScoreRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reading a run directory back: crash recovery and streaming aggregation of {@code scores.jsonl}. */
final class ResultFiles {
    private ResultFiles() {
    }

    /** Key of one finished (target, case) in a run. */
    static String key(String target, String caseId) {
        return target + "\u0000" + caseId;
    }

    /**
     * Makes a killed run's files consistent: a torn last line (no newline, or not parseable) is cut off; a response
     * whose score line was never written is scored again from the saved response (no model call). Returns the keys of
     * every (target, case) that is finished: answered or failed, with its score on disk.
     */
    /** Grades a saved response again: the score lines to append for it. */
    @FunctionalInterface
    interface Grader {
        List<ScoreRecord> grade(ResponseRecord r, dev.anzen.suite.Case c);
    }

    static Set<String> recover(Path dir, Grader grader) throws IOException {
        Path responses = dir.resolve(Runner.RESPONSES);
        Path scores = dir.resolve(Runner.SCORES);
        cutTornTail(responses);
        cutTornTail(scores);
        Set<String> scored = new HashSet<>();
        if (Files.exists(scores)) {
            try (BufferedReader in = Files.newBufferedReader(scores, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    ScoreRecord s = Json.MAPPER.readValue(line, ScoreRecord.class);
                    if (s.counts()) { // a judged response whose final line was lost is graded again
                        scored.add(key(s.target(), s.caseId()));
                    }
                }
            }
        }
        Set<String> done = new HashSet<>();
        if (Files.exists(responses)) {
            try (BufferedReader in = Files.newBufferedReader(responses, StandardCharsets.UTF_8);
                 JsonlWriter sw = new JsonlWriter(scores)) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    ResponseRecord r = Json.MAPPER.readValue(line, ResponseRecord.class);
                    String k = key(r.target(), r.caseId());
                    if (!done.add(k)) {
                        continue;
                    }
                    if (!scored.contains(k)) {
                        var c = Rescorer.toCase(r, responses, n);
                        grader.grade(r, c).forEach(sw::write);
                    }
                }
            }
        }
        return done;
    }

    /** Cuts everything after the last complete, parseable line. */
    static void cutTornTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long len = f.length();
            long end = len;
            // find the last newline
            long pos = len - 1;
            while (pos >= 0) {
                f.seek(pos);
                if (f.read() == '\n') {
                    break;
                }
                pos--;
            }
            end = pos + 1; // 0 when no newline at all
            if (end > 0) {
                // the last complete line must parse; a line flushed in two pieces is torn too
                long start = end - 2;
                while (start >= 0) {
                    f.seek(start);
                    if (f.read() == '\n') {
                        break;
                    }
                    start--;
                }
                byte[] last = new byte[(int) (end - 1 - (start + 1))];
                f.seek(start + 1);
                f.readFully(last);
                try {
                    Json.MAPPER.readTree(new String(last, StandardCharsets.UTF_8));
                } catch (JsonProcessingException e) {
                    end = start + 1;
                }
            }
            if (end < len) {
                f.setLength(end);
            }
        }
    }

    /** Aggregates a run's scores file, streaming; the targets are registered first so each gets a row. */
    static Aggregator aggregate(Path scores, List<Manifest.TargetEntry> targets) throws IOException {
        Aggregator agg = new Aggregator();
        targets.forEach(t -> agg.target(t.id(), t.kind()));
        if (!Files.exists(scores)) {
            return agg;
        }
        try (BufferedReader in = Files.newBufferedReader(scores, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    agg.add(Json.MAPPER.readValue(line, ScoreRecord.class));
                }
            }
        }
        return agg;
    }
}
