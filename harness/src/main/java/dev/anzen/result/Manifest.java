package dev.anzen.result;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: what a run was (format v2). Holds no secrets: targets and judges name the environment
 * variable of their key, never the key.
 *
 * @param status running, complete or interrupted
 * @param judges the judge models that graded answers (kind {@code judge}); empty when none did, and when a v1
 *               manifest is read
 */
public record Manifest(
        int formatVersion,
        String runId,
        String anzenVersion,
        String startedAt,
        String finishedAt,
        String status,
        List<TargetEntry> targets,
        List<SuiteEntry> suites,
        Map<String, Object> settings,
        Map<String, Integer> formats,
        Map<String, Long> counts,
        List<TargetEntry> judges) {

    public Manifest {
        judges = judges == null ? List.of() : List.copyOf(judges);
    }

    /** A manifest of a run without judges. */
    public Manifest(int formatVersion, String runId, String anzenVersion, String startedAt, String finishedAt,
                    String status, List<TargetEntry> targets, List<SuiteEntry> suites, Map<String, Object> settings,
                    Map<String, Integer> formats, Map<String, Long> counts) {
        this(formatVersion, runId, anzenVersion, startedAt, finishedAt, status, targets, suites, settings, formats,
                counts, List.of());
    }

    /** A target as run. */
    public record TargetEntry(String id, String kind, String provider, String model, String baseUrl, String apiKeyEnv,
                              Map<String, Object> parameters) {
    }

    /** A suite file as loaded, with the SHA-256 of its bytes. */
    public record SuiteEntry(String path, String sha256, int cases) {
    }
}
