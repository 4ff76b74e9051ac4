package dev.anzen.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anzen.result.Json;
import dev.anzen.suite.Turn;
import dev.anzen.target.TargetInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * On-disk cache of judge verdicts, keyed by a SHA-256 of the judge (provider, model, base URL, parameters), the
 * rubric version, the case id and the judge prompt (which holds the rubric text and the answer). Same approach as the
 * response cache: one file per entry, written to a temporary file and renamed into place, unreadable entries are
 * misses. Only usable verdicts are cached: a judge error is asked again on the next run.
 */
public final class JudgeCache {

    static final int VERSION = 1;

    private final Path dir;
    private final boolean read;

    /**
     * @param dir  folder of the judge entries (created on first write)
     * @param read false to ask the judges again and overwrite
     */
    public JudgeCache(Path dir, boolean read) {
        this.dir = dir;
        this.read = read;
    }

    public Path dir() {
        return dir;
    }

    static String key(TargetInfo judge, String rubric, String caseId, List<Turn> messages) {
        ObjectNode k = Json.MAPPER.createObjectNode();
        k.put("v", VERSION);
        k.put("provider", judge.provider());
        k.put("model", judge.model());
        k.put("base_url", judge.baseUrl());
        ObjectNode params = k.putObject("parameters");
        new TreeMap<>(judge.parameters()).forEach(params::putPOJO);
        k.put("rubric", rubric);
        k.put("case", caseId);
        ArrayNode msgs = k.putArray("messages");
        for (Turn t : messages) {
            msgs.addObject().put("role", t.role().id()).put("content", t.content());
        }
        try {
            byte[] canonical = Json.MAPPER.writeValueAsBytes(k);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    Optional<Judgement> get(String key) {
        if (!read) {
            return Optional.empty();
        }
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            Optional<JudgeLabel> label = JudgeLabel.fromId(n.path("verdict").asText());
            if (n.path("v").asInt() != VERSION || label.isEmpty() || label.get() == JudgeLabel.JUDGE_ERROR) {
                return Optional.empty();
            }
            JsonNode score = n.get("score");
            return Optional.of(new Judgement(n.path("judge").asText(), label.get(),
                    score == null || score.isNull() ? null : score.asDouble(), n.path("reason").asText(""),
                    n.path("rubric").asText(null), 0, true));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void put(String key, Judgement j) {
        if (!j.valid()) {
            return;
        }
        Path f = file(key);
        try {
            Files.createDirectories(f.getParent());
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("v", VERSION);
            n.put("judge", j.judge());
            n.put("rubric", j.rubric());
            n.put("verdict", j.label().id());
            n.putPOJO("score", j.score());
            n.put("reason", j.reason());
            Path tmp = Files.createTempFile(f.getParent(), f.getFileName().toString(), ".tmp");
            Files.write(tmp, Json.MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ignored) {
            // a read-only or full cache folder must not fail the run
        }
    }
}
