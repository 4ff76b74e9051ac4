package dev.anzen.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Append-only JSONL writer shared by many threads. Each record is serialised outside the lock and written as one
 * complete line, then flushed, so a crash leaves at most a torn last line and never loses a line that was counted.
 */
public final class JsonlWriter implements Closeable {
    private final Writer out;
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads must not pin

    public JsonlWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public void write(Object record) {
        write(record, null);
    }

    /**
     * As {@link #write(Object)}, then hands the record to {@code whileLocked} (if not null) before the next line can
     * be written: whatever it sees, it sees in file order.
     */
    public <T> void write(T record, Consumer<? super T> whileLocked) {
        String line;
        try {
            line = Json.MAPPER.writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + record.getClass().getSimpleName(), e);
        }
        lock.lock();
        try {
            out.write(line);
            out.flush();
            if (whileLocked != null) {
                whileLocked.accept(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }
}
