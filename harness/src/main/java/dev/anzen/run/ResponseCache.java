package dev.anzen.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anzen.result.EntryStore;
import dev.anzen.suite.Turn;
import dev.anzen.target.Reply;
import dev.anzen.target.TargetInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On-disk cache of model answers, keyed by a SHA-256 of everything that decides an answer: provider, model, base URL,
 * every generation parameter and the messages, stored in an {@link EntryStore} (one file per entry, atomic writes,
 * unreadable entries are misses). Only successful answers of real models are cached.
 */
public final class ResponseCache {

    /** Format of a cache entry. */
    static final int VERSION = 1;

    private final EntryStore store;
    private final boolean read;

    /**
     * @param dir  the cache folder (created on first write)
     * @param read false for {@code --refresh-cache}: ask the model again and overwrite
     */
    public ResponseCache(Path dir, boolean read) {
        this.store = new EntryStore(dir, VERSION);
        this.read = read;
    }

    public Path dir() {
        return store.dir();
    }

    /** The key of a call. */
    static String key(TargetInfo target, List<Turn> messages) {
        return EntryStore.hash(EntryStore.keyOf(VERSION, target, messages));
    }

    /** The cached answer of this call, if any (and if reading is on). */
    public Optional<Reply> get(TargetInfo target, List<Turn> messages) {
        if (!read) {
            return Optional.empty();
        }
        return store.read(key(target, messages)).filter(n -> n.has("text"))
                .map(n -> new Reply(n.get("text").asText(), intOrNull(n.get("input_tokens")),
                        intOrNull(n.get("output_tokens")), n.path("finish_reason").asText(null)));
    }

    /** Stores an answer; failures to write only cost a future cache miss. */
    public void put(TargetInfo target, List<Turn> messages, Reply reply) {
        ObjectNode n = store.newEntry();
        n.put("target", target.id());
        n.put("text", reply.text());
        n.putPOJO("input_tokens", reply.inputTokens());
        n.putPOJO("output_tokens", reply.outputTokens());
        n.put("finish_reason", reply.finishReason());
        store.write(key(target, messages), n);
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    /** The default folder: ANZEN_CACHE_DIR, else $XDG_CACHE_HOME/anzen, else ~/.cache/anzen; empty if none is known. */
    public static Optional<Path> defaultDir(Map<String, String> env) {
        String explicit = env.get("ANZEN_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "anzen"));
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "anzen"));
    }
}
