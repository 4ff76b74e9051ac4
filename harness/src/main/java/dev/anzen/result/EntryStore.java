package dev.anzen.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A folder of small JSON entries addressed by the SHA-256 of a canonical JSON key: the storage under the response
 * and judge caches. Each entry is written to a temporary file and renamed into place, so concurrent writers and a
 * killed process never leave a corrupt entry; an entry that does not parse, or is of another version, is a miss.
 * Plain files need no extra dependency and can be inspected or deleted with ordinary tools.
 */
public final class EntryStore {

    private final Path dir;
    private final int version;

    /**
     * @param dir     the folder (created on first write)
     * @param version format version of the entries: an entry of another version is a miss
     */
    public EntryStore(Path dir, int version) {
        this.dir = dir;
        this.version = version;
    }

    public Path dir() {
        return dir;
    }

    /**
     * A key object holding the entry version and everything that decides a model's answer: provider, model, endpoint,
     * parameters and messages.
     */
    public static ObjectNode keyOf(int version, TargetInfo model, List<Turn> messages) {
        ObjectNode k = Json.MAPPER.createObjectNode();
        k.put("v", version);
        k.put("provider", model.provider());
        k.put("model", model.model());
        k.put("base_url", model.baseUrl());
        ObjectNode params = k.putObject("parameters");
        new TreeMap<>(model.parameters()).forEach(params::putPOJO);
        ArrayNode msgs = k.putArray("messages");
        for (Turn t : messages) {
            msgs.addObject().put("role", t.role().id()).put("content", t.content());
        }
        return k;
    }

    /** The SHA-256 (hex) of a key object's canonical JSON. */
    public static String hash(ObjectNode key) {
        try {
            byte[] canonical = Json.MAPPER.writeValueAsBytes(key);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String hash) {
        return dir.resolve(hash.substring(0, 2)).resolve(hash + ".json");
    }

    /** The entry stored under this hash, if it exists, parses and has this store's version. */
    public Optional<JsonNode> read(String hash) {
        Path f = file(hash);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            return n.path("v").asInt() == version ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: a miss, overwritten by the next write
        }
    }

    /** A new entry object carrying this store's version, to fill and {@link #write}. */
    public ObjectNode newEntry() {
        return Json.MAPPER.createObjectNode().put("v", version);
    }

    /** Stores an entry; failure to write (read-only or full folder) only costs a future miss, never the run. */
    public void write(String hash, ObjectNode entry) {
        Path f = file(hash);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), f.getFileName().toString(), ".tmp");
            Files.write(tmp, Json.MAPPER.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
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
