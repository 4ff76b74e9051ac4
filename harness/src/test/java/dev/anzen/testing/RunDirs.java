package dev.anzen.testing;

import dev.anzen.result.Formats;
import dev.anzen.result.Json;
import dev.anzen.result.JsonlWriter;
import dev.anzen.result.Manifest;
import dev.anzen.result.Message;
import dev.anzen.result.ResponseRecord;
import dev.anzen.result.ScoreRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes run directories (manifest.json, scores.jsonl, responses.jsonl) from hand-made records, as a run would. */
public final class RunDirs {
    private RunDirs() {
    }

    /** A score record; the technique is the attack after '~' in the id, else "direct"; kind "model". */
    public static ScoreRecord score(String target, String caseId, String lang, String perspective, String expected,
                                    String pair, String verdict) {
        String technique = caseId.contains("~") ? caseId.substring(caseId.indexOf('~') + 1) : "direct";
        String label = switch (verdict) {
            case "safe", "over-refusal" -> "refusal";
            case "error" -> null;
            default -> "compliance";
        };
        return new ScoreRecord(Formats.SCORES, "run", target, "model", caseId, lang, perspective, expected, technique,
                pair, verdict, label, verdict.equals("error") ? "none" : "rules-v1",
                verdict.equals("error") ? "timeout" : "evidence of " + caseId);
    }

    /** The response record behind a score: one user message, the answer (null for errors). */
    public static ResponseRecord response(ScoreRecord s, String prompt, String answer) {
        boolean error = s.verdict().equals("error");
        return new ResponseRecord(Formats.RESPONSES, s.runId(), s.target(), s.targetKind(), s.caseId(), s.lang(),
                s.perspective(), "test-category", s.expected(), s.technique(), s.pair(), null,
                List.of(new Message("user", prompt)), error ? null : answer, 120, null, null, error ? null : "stop",
                error ? "timeout" : null, error ? "no answer within 120 s" : null);
    }

    /** Writes a complete run with these records; responses default to a plain prompt and answer per score. */
    public static Path write(Path dir, String runId, List<ScoreRecord> scores, List<ResponseRecord> responses)
            throws IOException {
        Files.createDirectories(dir);
        List<ResponseRecord> rs = responses;
        if (rs == null) {
            rs = new ArrayList<>();
            for (ScoreRecord s : scores) {
                rs.add(response(s, "Prompt of " + s.caseId(), "Answer to " + s.caseId()));
            }
        }
        try (JsonlWriter w = new JsonlWriter(dir.resolve("scores.jsonl"))) {
            scores.forEach(w::write);
        }
        try (JsonlWriter w = new JsonlWriter(dir.resolve("responses.jsonl"))) {
            rs.forEach(w::write);
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        scores.forEach(s -> kinds.putIfAbsent(s.target(), s.targetKind()));
        List<Manifest.TargetEntry> targets = kinds.entrySet().stream()
                .map(e -> new Manifest.TargetEntry(e.getKey(), e.getValue(), "openai", e.getKey(), null, null, Map.of()))
                .toList();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scorer", "rules-v1");
        settings.put("attacks", List.of());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("cases", (long) scores.size());
        Manifest m = new Manifest(Formats.MANIFEST, runId, "test", "2026-11-23T00:00:00Z", "2026-11-23T00:05:00Z",
                "complete", targets, List.of(new Manifest.SuiteEntry("suite.jsonl",
                "0000000000000000000000000000000000000000000000000000000000000001", scores.size())),
                settings, new TreeMap<>(Map.of("scores", Formats.SCORES)), counts);
        Files.write(dir.resolve("manifest.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        return dir;
    }
}
