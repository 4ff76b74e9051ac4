package dev.anzen.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anzen.result.EntryStore;
import dev.anzen.suite.Turn;
import dev.anzen.target.TargetInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * On-disk cache of judge verdicts, keyed by a SHA-256 of the judge (provider, model, base URL, parameters), the
 * rubric version, the case id and the judge prompt (which holds the rubric text and the answer), stored in an
 * {@link EntryStore} like the response cache. Only usable verdicts are cached: a judge error is asked again on the
 * next run.
 */
public final class JudgeCache {

    static final int VERSION = 1;

    private final EntryStore store;
    private final boolean read;

    /**
     * @param dir  folder of the judge entries (created on first write)
     * @param read false to ask the judges again and overwrite
     */
    public JudgeCache(Path dir, boolean read) {
        this.store = new EntryStore(dir, VERSION);
        this.read = read;
    }

    public Path dir() {
        return store.dir();
    }

    static String key(TargetInfo judge, String rubric, String caseId, List<Turn> messages) {
        ObjectNode k = EntryStore.keyOf(VERSION, judge, messages);
        k.put("rubric", rubric);
        k.put("case", caseId);
        return EntryStore.hash(k);
    }

    Optional<Judgement> get(String key) {
        if (!read) {
            return Optional.empty();
        }
        Optional<JsonNode> entry = store.read(key);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = entry.get();
        Optional<JudgeLabel> label = JudgeLabel.fromId(n.path("verdict").asText());
        if (label.isEmpty() || label.get() == JudgeLabel.JUDGE_ERROR) {
            return Optional.empty();
        }
        JsonNode score = n.get("score");
        return Optional.of(new Judgement(n.path("judge").asText(), label.get(),
                score == null || score.isNull() ? null : score.asDouble(), n.path("reason").asText(""),
                n.path("rubric").asText(null), 0, true));
    }

    void put(String key, Judgement j) {
        if (!j.valid()) {
            return;
        }
        ObjectNode n = store.newEntry();
        n.put("judge", j.judge());
        n.put("rubric", j.rubric());
        n.put("verdict", j.label().id());
        n.putPOJO("score", j.score());
        n.put("reason", j.reason());
        store.write(key, n);
    }
}
