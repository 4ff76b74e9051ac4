package dev.anzen.run;

import java.nio.file.Path;
import java.util.List;

/** Every default of a run in one place. */
public final class Defaults {
    /** Requests in flight per target. */
    public static final int CONCURRENCY = 8;
    /** Suites run when none are named. */
    public static final List<Path> SUITES = List.of(Path.of("prompts-ja"), Path.of("prompts-en"));
    /** Targets run when none are named: the three offline reference targets. */
    public static final List<String> TARGETS = List.of("builtin:comply", "builtin:refuse", "builtin:guarded");
    /** Parent folder of run directories. */
    public static final Path RESULTS = Path.of("results");
    /** Name of the history file, kept in the folder that holds the run directories (results/history.csv). */
    public static final String HISTORY_FILE = "history.csv";
    /** Seed of the run (run-id suffix; later: transforms and sampling). */
    public static final long SEED = 42;

    private Defaults() {
    }
}
