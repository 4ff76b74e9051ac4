package dev.anzen.run;

import dev.anzen.report.Leaderboard;
import dev.anzen.report.LeaderboardCsv;
import dev.anzen.report.html.HtmlReport;
import dev.anzen.result.Json;
import dev.anzen.result.Manifest;
import dev.anzen.result.ResponseRecord;
import dev.anzen.result.ScoreRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the shards of one run ({@code --shard K/N}) into a single run directory whose leaderboards equal those of an
 * unsharded run. Shards must come from the same suites, targets and settings; every (target, case) appears once.
 */
public final class Merger {

    /** What the merge produced. */
    public record Result(Leaderboard leaderboard, long responses, List<String> missingShards) {
    }

    private Merger() {
    }

    public static Result merge(List<Path> shards, Path out, Clock clock) throws IOException {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: name the shard run directories");
        }
        List<Manifest> manifests = new ArrayList<>();
        for (Path d : shards) {
            Path m = d.resolve(Runner.MANIFEST);
            if (!Files.isRegularFile(m) || !Files.isRegularFile(d.resolve(Runner.RESPONSES))) {
                throw new IllegalArgumentException(d + " is not a run directory (it needs manifest.json and responses.jsonl)");
            }
            manifests.add(Json.MAPPER.readValue(m.toFile(), Manifest.class));
        }
        Manifest first = manifests.get(0);
        Set<String> shardNames = new HashSet<>();
        int count = 1;
        for (int i = 0; i < manifests.size(); i++) {
            Manifest m = manifests.get(i);
            List<String> diffs = ManifestDiff.between(first, withShard(m, first));
            if (!diffs.isEmpty()) {
                throw new IllegalArgumentException(shards.get(i) + " is not a shard of the same run as " + shards.get(0)
                        + ": " + String.join("; ", diffs));
            }
            if (!"complete".equals(m.status())) {
                throw new IllegalArgumentException(shards.get(i) + " did not finish (status " + m.status()
                        + "); continue it with --resume first");
            }
            String s = String.valueOf(m.settings().getOrDefault("shard", "1/1"));
            if (!shardNames.add(s)) {
                throw new IllegalArgumentException("shard " + s + " is given twice (" + shards.get(i) + ")");
            }
            count = Shard.parse(s).count();
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!shardNames.contains(k + "/" + count)) {
                missing.add(k + "/" + count);
            }
        }
        Files.createDirectories(out);
        if (Files.exists(out.resolve(Runner.RESPONSES))) {
            throw new IllegalArgumentException(out + " already holds a run; choose a new --out");
        }
        Set<String> seen = new HashSet<>();
        long n = 0;
        long retries = 0;
        try (BufferedWriter rw = Files.newBufferedWriter(out.resolve(Runner.RESPONSES), StandardCharsets.UTF_8);
             BufferedWriter sw = Files.newBufferedWriter(out.resolve(Runner.SCORES), StandardCharsets.UTF_8)) {
            for (int i = 0; i < shards.size(); i++) {
                retries += manifests.get(i).counts() == null ? 0 : manifests.get(i).counts().getOrDefault("retries", 0L);
                try (BufferedReader in = Files.newBufferedReader(shards.get(i).resolve(Runner.RESPONSES))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        ResponseRecord r = Json.MAPPER.readValue(line, ResponseRecord.class);
                        if (!seen.add(ResultFiles.key(r.target(), r.caseId()))) {
                            throw new IllegalArgumentException(r.target() + " / " + r.caseId()
                                    + " appears in more than one shard");
                        }
                        rw.write(line);
                        rw.write('\n');
                        n++;
                    }
                }
                try (BufferedReader in = Files.newBufferedReader(shards.get(i).resolve(Runner.SCORES))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        Json.MAPPER.readValue(line, ScoreRecord.class); // refuse garbage early
                        sw.write(line);
                        sw.write('\n');
                    }
                }
            }
        }
        Leaderboard board = ResultFiles.aggregate(out.resolve(Runner.SCORES), first.targets()).leaderboard();
        LeaderboardCsv.write(board, out);
        Map<String, Object> settings = new LinkedHashMap<>(first.settings());
        settings.put("shard", "merged " + String.join(",", shardNames.stream().sorted().toList()));
        settings.put("merged_at", Instant.now(clock).toString());
        Map<String, Long> counts = new LinkedHashMap<>(first.counts() == null ? Map.of() : first.counts());
        counts.put("responses", n);
        counts.put("retries", retries);
        for (String k : List.of("judge_calls", "judge_cache_hits")) { // each shard asked its own judges
            if (counts.containsKey(k)) {
                counts.put(k, manifests.stream().mapToLong(m -> m.counts() == null ? 0 : m.counts().getOrDefault(k, 0L))
                        .sum());
            }
        }
        String finished = manifests.stream().map(Manifest::finishedAt).filter(java.util.Objects::nonNull)
                .max(String::compareTo).orElse(null);
        Runner.writeManifest(out, new Manifest(first.formatVersion(), first.runId(), first.anzenVersion(),
                manifests.stream().map(Manifest::startedAt).min(String::compareTo).orElse(first.startedAt()), finished,
                missing.isEmpty() ? "complete" : "incomplete", first.targets(), first.suites(), settings,
                first.formats(), counts, first.judges()));
        HtmlReport.write(out);
        return new Result(board, n, missing);
    }

    /** The manifest with the shard setting of another, so that only real differences are reported. */
    private static Manifest withShard(Manifest m, Manifest like) {
        Map<String, Object> s = new LinkedHashMap<>(m.settings());
        s.put("shard", like.settings().get("shard"));
        return new Manifest(m.formatVersion(), m.runId(), m.anzenVersion(), m.startedAt(), m.finishedAt(), m.status(),
                m.targets(), m.suites(), s, m.formats(), m.counts(), m.judges());
    }
}
