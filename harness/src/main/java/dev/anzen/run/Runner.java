package dev.anzen.run;

import dev.anzen.Version;
import dev.anzen.judge.Judge;
import dev.anzen.judge.JudgePanel;
import dev.anzen.judge.JudgeTransport;
import dev.anzen.judge.Rubrics;
import dev.anzen.report.Aggregator;
import dev.anzen.report.Leaderboard;
import dev.anzen.report.LeaderboardCsv;
import dev.anzen.report.html.HtmlReport;
import dev.anzen.report.html.ReportData;
import dev.anzen.result.AtomicFiles;
import dev.anzen.result.Formats;
import dev.anzen.result.Json;
import dev.anzen.result.JsonlWriter;
import dev.anzen.result.Manifest;
import dev.anzen.result.Message;
import dev.anzen.result.ResponseRecord;
import dev.anzen.result.ScoreRecord;
import dev.anzen.score.Score;
import dev.anzen.score.Scorer;
import dev.anzen.score.Verdict;
import dev.anzen.suite.Case;
import dev.anzen.suite.Suite;
import dev.anzen.suite.Turn;
import dev.anzen.target.ErrorKind;
import dev.anzen.target.Reply;
import dev.anzen.target.Target;
import dev.anzen.target.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs cases × targets in parallel on virtual threads, a concurrency limit per target, and streams every response and
 * score to disk as it arrives. A failed call is recorded as an {@code error} verdict and the run goes on; an error that
 * every further call would repeat (bad key, unknown model) stops that target, and its remaining cases are recorded as
 * {@code skipped} instead of sent.
 */
public final class Runner {

    public static final String RESPONSES = "responses.jsonl";
    public static final String SCORES = "scores.jsonl";
    public static final String MANIFEST = "manifest.json";

    private final Scorer scorer;
    private final JudgePanel panel;

    public Runner(Scorer scorer) {
        this(scorer, null);
    }

    /** @param panel judges that grade what the rule scorer cannot decide (see {@link JudgePanel}), or null for none */
    public Runner(Scorer scorer, JudgePanel panel) {
        this.scorer = scorer;
        this.panel = panel;
    }

    /** What the calls of one run share: writers, counts, the listener. */
    private record State(RunOptions opts, JsonlWriter rw, JsonlWriter sw, Aggregator agg, ReportData.Picker picker,
                         RunListener listener, AtomicLong responses, AtomicLong errors, AtomicLong retries,
                         AtomicLong cacheHits, Map<String, String> firstError, JudgeTransport judgeCalls) {
    }

    /** A run in progress; {@link #run} drives it, {@link #markInterrupted} records a kill. */
    private volatile Manifest current;
    private volatile Path currentDir;

    public RunResult run(List<Suite> suites, List<Case> cases, RunOptions opts, RunListener listener) throws IOException {
        Path dir = opts.outDir();
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(RESPONSES)) || Files.exists(dir.resolve(MANIFEST))) {
            throw new IllegalArgumentException("run directory " + dir + " already holds a run; choose a new --out "
                    + "(or continue it with --resume " + dir + ")");
        }
        Manifest m = plan(suites, cases, opts, Instant.now(opts.clock()).toString());
        return execute(dir, m, cases, opts, listener, java.util.Set.of(), 0);
    }

    /**
     * Continues a killed run in its directory: torn lines are cut, responses without a score are scored from disk,
     * finished (target, case) pairs are not sent again, and the leaderboards are computed from the complete files,
     * so they equal those of an uninterrupted run. Refused when the suites, targets or settings differ from the
     * run's manifest, unless {@code force}.
     */
    public RunResult resume(List<Suite> suites, List<Case> cases, RunOptions opts, RunListener listener, boolean force)
            throws IOException {
        Path dir = opts.outDir();
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(dir + " is not a run directory (no manifest.json): nothing to resume");
        }
        Manifest old = Json.MAPPER.readValue(manifestFile.toFile(), Manifest.class);
        RunOptions o = opts.withRunId(old.runId());
        Manifest fresh = plan(suites, cases, o, old.startedAt());
        List<String> diffs = ManifestDiff.between(old, fresh);
        if (!diffs.isEmpty() && !force) {
            throw new IllegalArgumentException("cannot resume " + dir + ": the run differs from its manifest:\n  - "
                    + String.join("\n  - ", diffs) + "\n(run with the same suites, targets and options, or add --force)");
        }
        // a response graded again is graded against its case as loaded, so judges see the same prompt (and criterion)
        Map<String, Case> byId = new java.util.HashMap<>();
        cases.forEach(c -> byId.putIfAbsent(c.id(), c));
        java.util.Set<String> done = ResultFiles.recover(dir, (r, c) -> grade(r.runId(), r.target(), r.targetKind(),
                byId.getOrDefault(r.caseId(), c), r.error() == null ? r.response() : null, r.error(),
                judgeTransport(o, RunListener.NONE, new AtomicLong())));
        Map<String, Object> settings = new LinkedHashMap<>(fresh.settings());
        settings.put("resumed_at", Instant.now(opts.clock()).toString());
        Manifest m = new Manifest(fresh.formatVersion(), old.runId(), fresh.anzenVersion(), old.startedAt(), null,
                "running", fresh.targets(), fresh.suites(), settings, fresh.formats(), fresh.counts(), fresh.judges());
        long oldRetries = old.counts() == null ? 0 : old.counts().getOrDefault("retries", 0L);
        return execute(dir, m, cases, o, listener, done, oldRetries);
    }

    /** The manifest of a run about to start. */
    private Manifest plan(List<Suite> suites, List<Case> cases, RunOptions opts, String started) {
        List<Manifest.TargetEntry> targetEntries = opts.targets().stream()
                .map(t -> new Manifest.TargetEntry(t.info().id(), t.info().kind(), t.info().provider(),
                        t.info().model(), t.info().baseUrl(), t.info().apiKeyEnv(), t.info().parameters()))
                .toList();
        List<Manifest.SuiteEntry> suiteEntries = suites.stream()
                .map(s -> new Manifest.SuiteEntry(s.path().toString(), s.sha256(), s.cases().size()))
                .toList();
        Map<String, Object> settings = new LinkedHashMap<>(opts.settings());
        settings.put("concurrency", opts.concurrency());
        settings.put("scorer", scorerId());
        List<Manifest.TargetEntry> judgeEntries = List.of();
        if (panel != null) {
            settings.put("judge_policy", panel.policy().id());
            settings.put("judge_all", panel.judgeAll());
            settings.put("rubrics", Rubrics.VERSION);
            judgeEntries = panel.manifestEntries();
        }
        Map<String, Integer> formats = new java.util.TreeMap<>(Map.of("responses", Formats.RESPONSES,
                "scores", Formats.SCORES, "manifest", Formats.MANIFEST, "leaderboard", Formats.LEADERBOARD,
                "report", Formats.REPORT)); // sorted: the manifest's bytes must not depend on hash order
        return new Manifest(Formats.MANIFEST, opts.runId(), Version.get(), started, null, "running", targetEntries,
                suiteEntries, settings, formats, Map.of("cases", (long) cases.size()), judgeEntries);
    }

    private RunResult execute(Path dir, Manifest planned, List<Case> cases, RunOptions opts, RunListener listener,
                              java.util.Set<String> done, long earlierRetries) throws IOException {
        current = planned;
        currentDir = dir;
        writeManifest(dir, current);
        Aggregator agg = new Aggregator();
        opts.targets().forEach(t -> agg.target(t.id(), t.info().kind()));
        // the report's case picks, made as scores.jsonl is written; a resumed run's report reads its files instead
        ReportData.Picker picker = done.isEmpty() ? new ReportData.Picker(HtmlReport.MAX_CASES) : null;
        AtomicLong responses = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong retries = new AtomicLong(earlierRetries);
        AtomicLong cacheHits = new AtomicLong();
        Map<String, String> firstError = new ConcurrentHashMap<>();
        Map<String, List<Case>> work = new LinkedHashMap<>();
        long todo = 0;
        for (Target t : opts.targets()) {
            List<Case> mine = cases.stream().filter(c -> opts.shard().owns(t.id(), c.id())
                    && !done.contains(ResultFiles.key(t.id(), c.id()))).toList();
            work.put(t.id(), mine);
            todo += mine.size();
        }
        listener.started(todo);
        try (JsonlWriter rw = new JsonlWriter(dir.resolve(RESPONSES));
             JsonlWriter sw = new JsonlWriter(dir.resolve(SCORES));
             ExecutorService perTarget = Executors.newVirtualThreadPerTaskExecutor()) {
            State state = new State(opts, rw, sw, agg, picker, listener, responses, errors, retries, cacheHits,
                    firstError, judgeTransport(opts, listener, retries));
            for (List<Target> group : schedule(opts.targets())) {
                // targets of one group run one after another (Ollama models sharing a server); groups run in parallel
                perTarget.submit(() -> {
                    for (Target target : group) {
                        int limit = opts.targetConcurrency().getOrDefault(target.id(), opts.concurrency());
                        dispatch(target, limit, work.get(target.id()), state);
                    }
                    return null;
                });
            }
            perTarget.shutdown();
            while (!perTarget.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                // wait for every target; the listener shows progress
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markInterrupted();
            throw new IOException("run interrupted", e);
        } finally {
            listener.ended();
        }
        // the leaderboards come from the files, so a resumed run and an uninterrupted one give the same numbers
        Aggregator all = done.isEmpty() ? agg : ResultFiles.aggregate(dir.resolve(SCORES), planned.targets());
        Leaderboard board = all.leaderboard();
        LeaderboardCsv.write(board, dir);
        Map<String, String> failed = new LinkedHashMap<>();
        long totalResponses = 0;
        long totalErrors = 0;
        for (Leaderboard.TargetRow row : board.rows()) {
            totalResponses += row.total().cases() + (row.attacked() == null ? 0 : row.attacked().scored()
                    + row.attacked().errors());
            totalErrors += row.total().errors() + (row.attacked() == null ? 0 : row.attacked().errors());
            // answers no judge could grade are errors, but the target did answer them
            if (row.total().cases() > 0 && row.total().errors() - row.total().judgeFailures() == row.total().cases()) {
                failed.put(row.target(), firstError.getOrDefault(row.target(), "no answers"));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("cases", (long) cases.size());
        counts.put("responses", totalResponses);
        counts.put("errors", totalErrors);
        counts.put("retries", retries.get());
        counts.put("cache_hits", cacheHits.get());
        if (panel != null) {
            counts.put("judge_calls", panel.judges().stream().mapToLong(Judge::calls).sum());
            counts.put("judge_cache_hits", panel.judges().stream().mapToLong(Judge::cacheHits).sum());
        }
        current = new Manifest(planned.formatVersion(), planned.runId(), planned.anzenVersion(), planned.startedAt(),
                Instant.now(opts.clock()).toString(), "complete", planned.targets(), planned.suites(),
                planned.settings(), planned.formats(), counts, planned.judges());
        writeManifest(dir, current);
        if (picker != null) {
            HtmlReport.write(dir, board, picker);
        } else {
            HtmlReport.write(dir);
        }
        return new RunResult(opts.runId(), dir, board, totalResponses, totalErrors, failed);
    }

    /** Records in the manifest that the run was killed before it finished (shutdown hook). */
    public void markInterrupted() {
        Manifest m = current;
        Path dir = currentDir;
        if (m == null || dir == null || !m.status().equals("running")) {
            return;
        }
        Manifest i = new Manifest(m.formatVersion(), m.runId(), m.anzenVersion(), m.startedAt(), null, "interrupted",
                m.targets(), m.suites(), m.settings(), m.formats(), m.counts(), m.judges());
        try {
            writeManifest(dir, i);
        } catch (IOException ignored) {
            // the JVM is going down; the JSONL lines already written are what counts
        }
    }

    private String scorerId() {
        return scorer.id();
    }

    /**
     * Calls the target, retrying retryable failures under the run's policy with a deterministic jitter source, so a
     * flaky endpoint costs waiting, not results. The last failure is thrown when attempts or the wait budget run out.
     */
    static Reply callWithRetry(Target target, String key, Call call, List<Turn> messages, RetryPolicy retry,
                               Sleeper sleeper, long seed, RunListener listener, AtomicLong retries, Throttle throttle)
            throws TargetException {
        int maxRetries = target.info().maxRetries();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(
                seed ^ ((long) target.id().hashCode() << 32) ^ key.hashCode());
        java.time.Duration waited = java.time.Duration.ZERO;
        for (int failed = 0; ; ) {
            try {
                Reply r = call.send(messages);
                throttle.succeeded();
                return r;
            } catch (TargetException e) {
                failed++;
                if (e.kind() == ErrorKind.RATE_LIMITED) {
                    throttle.rateLimited();
                }
                if (!RetryPolicy.retryable(e.kind()) || failed > maxRetries) {
                    throw failed > 1 ? e.withMessage(e.getMessage() + " (after " + failed + " attempts)") : e;
                }
                var wait = retry.delay(failed, e.retryAfter(), waited, rng);
                if (wait.isEmpty()) {
                    throw e.withMessage(e.getMessage() + " (gave up: waiting longer would exceed "
                            + retry.maxTotalWait().toSeconds() + " s for this request)");
                }
                retries.incrementAndGet();
                listener.retrying(target.id(), e.kind().id(), wait.get().toMillis());
                try {
                    sleeper.sleep(wait.get());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                waited = waited.plus(wait.get());
            }
        }
    }

    /**
     * The score lines of one response: the rule scorer's verdict, and with a judge panel the judges' lines and the
     * final one when the combination policy sends the answer to the judges. The last line is the one that counts.
     *
     * @param answer the answer, or null when the call failed
     * @param error  the error kind of a failed call, else null
     */
    private List<ScoreRecord> grade(String runId, String target, String kind, Case c, String answer, String error,
                                    JudgeTransport judgeCalls) {
        Score score;
        if (error != null) {
            score = new Score(Verdict.ERROR, null, "none", error);
        } else {
            try {
                score = scorer.score(c, answer);
            } catch (RuntimeException e) {
                score = new Score(Verdict.ERROR, null, "none", "scorer failed: " + e);
            }
        }
        if (panel == null || error != null) {
            return List.of(scoreRecord(runId, target, kind, c, score));
        }
        return panel.grade(runId, target, kind, c, answer, score, judgeCalls);
    }

    private JudgeTransport judgeTransport(RunOptions opts, RunListener listener, AtomicLong retries) {
        return panel == null ? null : new JudgeCalls(opts.retry(), opts.sleeper(), opts.ticker(), opts.seed(),
                opts.concurrency(), opts.targetConcurrency(), listener, retries);
    }

    static ScoreRecord scoreRecord(String runId, String target, String kind, Case c, Score score) {
        return new ScoreRecord(Formats.SCORES, runId, target, kind, c.id(), c.lang().code(), c.perspective().id(),
                c.expected().id(), c.technique(), c.pair(), score.verdict().id(),
                score.label() == null ? null : score.label().id(), score.scorer(), score.evidence());
    }

    static void writeManifest(Path dir, Manifest m) throws IOException {
        AtomicFiles.writeAtomically(dir.resolve(MANIFEST),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    /**
     * Sends one target's cases: at most {@code limit} requests in flight (the throttle). A case frees its request slot
     * when the target has answered, so the next request goes out while this answer is graded and written; the
     * backlog of answers being graded is bounded too ({@code limit} more cases), so a target that answers faster than
     * the scorers keep up cannot fill the heap.
     */
    private void dispatch(Target target, int limit, List<Case> cases, State state)
            throws InterruptedException {
        Throttle throttle = new Throttle(limit, target.info().limits(), state.opts().ticker(), state.opts().sleeper());
        Semaphore live = new Semaphore(2 * limit);
        AtomicReference<TargetException> fatal = new AtomicReference<>();
        AtomicBoolean answered = new AtomicBoolean();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Case c : cases) {
                live.acquire();
                Throttle.Slot slot;
                try {
                    slot = throttle.slot();
                } catch (InterruptedException e) {
                    live.release();
                    throw e;
                }
                calls.submit(() -> {
                    try {
                        runOne(target, c, state, fatal, answered, throttle, slot);
                    } finally {
                        slot.free(null);
                        live.release();
                    }
                });
            }
        }
    }

    /**
     * Runs one case against one target, freeing its request slot once the target has answered. An error every further
     * call would repeat (bad key, unknown model), or a server no connection can be made to before it has answered
     * anything (wrong port, server not started), stops the target: its remaining cases are recorded as skipped
     * instead of each waiting out its retries.
     */
    private void runOne(Target target, Case c, State st, AtomicReference<TargetException> fatal,
                        AtomicBoolean answered, Throttle throttle, Throttle.Slot slot) {
        RunOptions opts = st.opts();
        RunListener listener = st.listener();
        AtomicLong errors = st.errors();
        Map<String, String> firstError = st.firstError();
        List<Turn> sent = new ArrayList<>();
        if (c.system() != null) {
            sent.add(Turn.system(c.system()));
        }
        Reply reply = null;
        TargetException failure = null;
        long t0 = opts.ticker().nanos();
        TargetException stop = fatal.get();
        if (stop != null) {
            sent.addAll(c.conversation());
            failure = new TargetException(ErrorKind.SKIPPED, "not sent: target stopped after a " + stop.kind().id()
                    + " error (" + stop.getMessage() + ")");
        } else {
            try {
                ResponseCache cache = target.info().reference() ? null : opts.cache();
                reply = converse(target, c, sent, messages -> {
                    if (cache != null) {
                        var hit = cache.get(target.info(), messages);
                        if (hit.isPresent()) {
                            st.cacheHits().incrementAndGet();
                            return hit.get();
                        }
                    }
                    Reply r = callWithRetry(target, c.id(), target::chat, messages, opts.retry(), opts.sleeper(),
                            opts.seed(), listener, st.retries(), throttle);
                    answered.set(true);
                    if (cache != null) {
                        cache.put(target.info(), messages, r);
                    }
                    return r;
                });
            } catch (TargetException e) {
                failure = e;
                if (e.kind().stopsTarget() || e.unreachable() && !answered.get()) {
                    fatal.compareAndSet(null, e);
                }
            } catch (RuntimeException e) {
                failure = new TargetException(ErrorKind.UNKNOWN, "unexpected failure: " + e, e);
            }
        }
        long latencyMs = (opts.ticker().nanos() - t0) / 1_000_000;
        if (failure != null) {
            errors.incrementAndGet();
            if (failure.kind() != ErrorKind.SKIPPED) { // the error that stopped the target is the one to report
                firstError.putIfAbsent(target.id(), failure.kind().id() + ": " + failure.getMessage());
            }
        }
        slot.free(tokensUsed(reply));
        String kind = target.info().kind();
        List<ScoreRecord> lines = grade(opts.runId(), target.id(), kind, c, reply == null ? null : reply.text(),
                failure == null ? null : failure.kind().id(), st.judgeCalls());
        ScoreRecord sr = lines.get(lines.size() - 1);
        if (failure == null && Verdict.fromId(sr.verdict()) == Verdict.ERROR) {
            errors.incrementAndGet(); // the scorer failed, or no judge gave a usable verdict
        }
        List<Message> messages = new ArrayList<>(sent.size());
        for (Turn t : sent) {
            messages.add(new Message(t.role().id(), t.content()));
        }
        ResponseRecord rr = new ResponseRecord(Formats.RESPONSES, opts.runId(), target.id(), kind, c.id(),
                c.lang().code(), c.perspective().id(), c.category(), c.expected().id(), c.technique(), c.pair(),
                c.canary(), messages, reply == null ? null : reply.text(), latencyMs,
                reply == null ? null : reply.inputTokens(), reply == null ? null : reply.outputTokens(),
                reply == null ? null : reply.finishReason(),
                failure == null ? null : failure.kind().id(), failure == null ? null : failure.getMessage());
        try {
            st.rw().write(rr);
            for (ScoreRecord line : lines) {
                st.sw().write(line, st.picker() == null ? null : st.picker()::add);
            }
        } catch (UncheckedIOException e) {
            throw e; // a full disk must stop the run loudly, not lose results quietly
        }
        st.responses().incrementAndGet();
        lines.forEach(st.agg()::add);
        listener.finished(target.id(), Verdict.fromId(sr.verdict()), failure == null ? null : failure.kind().id());
    }

    /** The tokens an answer used, when the provider reported them (for a tokens-per-minute limit). */
    private static Integer tokensUsed(Reply reply) {
        if (reply == null || reply.inputTokens() == null && reply.outputTokens() == null) {
            return null;
        }
        return (reply.inputTokens() == null ? 0 : reply.inputTokens())
                + (reply.outputTokens() == null ? 0 : reply.outputTokens());
    }

    /**
     * Groups targets for scheduling: Ollama targets on the same server form one group and run one model after
     * another, so the server does not swap models in and out of memory; every other target is a group of its own.
     */
    static List<List<Target>> schedule(List<Target> targets) {
        Map<String, List<Target>> groups = new LinkedHashMap<>();
        for (Target t : targets) {
            String key = "ollama".equals(t.info().provider()) ? "ollama " + t.info().baseUrl() : "target " + t.id();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        return List.copyOf(groups.values());
    }

    /** One call to a target, as the retry policy wraps it. */
    @FunctionalInterface
    interface Call {
        Reply send(List<Turn> messages) throws TargetException;
    }

    /**
     * Sends a case. A scripted conversation goes in one call; an escalation (only user turns) goes turn by turn with
     * the model's own answers in between, so the final turn sees the history the model itself built.
     */
    private static Reply converse(Target target, Case c, List<Turn> sent, Call call) throws TargetException {
        if (!c.isEscalation()) {
            sent.addAll(c.conversation());
            return call.send(List.copyOf(sent));
        }
        Reply reply = null;
        List<Turn> turns = c.conversation();
        for (int i = 0; i < turns.size(); i++) {
            sent.add(turns.get(i));
            reply = call.send(List.copyOf(sent));
            if (i < turns.size() - 1) {
                sent.add(Turn.assistant(reply.text()));
            }
        }
        return reply;
    }
}
