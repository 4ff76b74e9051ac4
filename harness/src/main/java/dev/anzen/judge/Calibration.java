package dev.anzen.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anzen.Version;
import dev.anzen.report.CsvCells;
import dev.anzen.report.Interval;
import dev.anzen.report.Stats;
import dev.anzen.result.AtomicFiles;
import dev.anzen.result.Formats;
import dev.anzen.result.Json;
import dev.anzen.score.Verdict;
import dev.anzen.suite.Case;
import dev.anzen.suite.Expected;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Origin;
import dev.anzen.suite.Perspective;
import dev.anzen.suite.SuiteProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Measures judges against human labels: each labelled answer is graded by every judge (all answers, no rule
 * shortcut), and per judge, for the panel's combined verdict, and per language: accuracy (with the 95% Wilson
 * interval of {@link Stats#wilson}), precision and recall for unsafe, Cohen's kappa against the human labels (with a
 * 95% large-sample interval), Fleiss' kappa among the judges, the confusion matrix, and on each judge's {@code all}
 * row Fisher's exact test of whether its accuracy differs between Japanese and English.
 */
public final class Calibration {

    /** Columns of {@code calibration.csv}. */
    public static final String[] COLUMNS = {"judge", "lang", "n", "n_judge_errors", "accuracy", "accuracy_ci_low",
            "accuracy_ci_high", "unsafe_precision", "unsafe_recall", "cohen_kappa", "cohen_kappa_ci_low",
            "cohen_kappa_ci_high", "fleiss_kappa", "ja_en_p"};
    /** Columns of {@code calibration-confusion.csv}. */
    public static final String[] CONFUSION_COLUMNS = {"judge", "lang", "human", "judged", "n"};

    /** One labelled answer. */
    public record Item(Case c, String response, JudgeLabel human) {
    }

    /** The judges' verdicts on one item: one per judge, in order, then the panel's combined verdict. */
    public record Graded(Item item, List<JudgeLabel> judges, JudgeLabel combined) {
        public Graded {
            judges = List.copyOf(judges);
        }
    }

    /**
     * One row of {@code calibration.csv}. Judge errors are left out of every rate and count only in
     * {@code judgeErrors}; undefined figures are NaN.
     *
     * @param fleissKappa Fleiss' kappa among the judges, on the panel's rows when there are two or more judges
     * @param jaEnP       on a judge's {@code all} row: two-sided Fisher exact p-value of "its accuracy is the same in
     *                    Japanese and English"
     */
    public record Row(String judge, String lang, long n, long judgeErrors, double accuracy, double accuracyLow,
                      double accuracyHigh, double unsafePrecision, double unsafeRecall, double cohenKappa,
                      double cohenKappaLow, double cohenKappaHigh, double fleissKappa, double jaEnP) {
    }

    /** The confusion matrix of one (judge, lang): {@code counts[human][judged]}, human labels and judged labels in
     * {@link JudgeLabel} order (judge-error last among the judged). */
    public record Matrix(String judge, String lang, long[][] counts) {
    }

    /** Rows, confusion matrices (in row order) and the graded items. */
    public record Report(List<Row> rows, List<Matrix> confusion, List<Graded> graded) {
        public Report {
            rows = List.copyOf(rows);
            confusion = List.copyOf(confusion);
            graded = List.copyOf(graded);
        }
    }

    /** Two-sided 95%, as every interval Anzen reports. */
    private static final double Z = Stats.Z;
    private static final JudgeLabel[] HUMAN = JudgeLabel.verdicts();
    private static final JudgeLabel[] JUDGED = JudgeLabel.values(); // verdicts, then judge-error (enum order)
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private Calibration() {
    }

    /**
     * Reads a labelled JSONL file: the {@code anzen score} input ({@code lang}, {@code prompt}, {@code response},
     * {@code expected}, {@code perspective}, optional {@code system}, {@code canary}, {@code notes}, {@code id}) plus
     * a human {@code label}: safe, unsafe, over-refusal or partial. Every unusable line is reported.
     */
    public static List<Item> read(Path file, List<SuiteProblem> problems) throws IOException {
        List<Item> items = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                JsonNode o;
                try {
                    o = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    problems.add(new SuiteProblem(file, n, null, "invalid JSON"));
                    continue;
                }
                if (o == null || !o.isObject()) {
                    problems.add(new SuiteProblem(file, n, null, "expected a JSON object"));
                    continue;
                }
                int before = problems.size();
                String id = o.hasNonNull("id") ? o.get("id").asText() : "line-" + n;
                Lang lang = Lang.fromCode(text(o, "lang", file, n, problems)).orElse(null);
                if (lang == null && problems.size() == before) {
                    problems.add(new SuiteProblem(file, n, "lang", "unknown value '" + o.get("lang").asText()
                            + "' (expected ja or en)"));
                }
                String prompt = text(o, "prompt", file, n, problems);
                String response = text(o, "response", file, n, problems);
                String e = text(o, "expected", file, n, problems);
                Expected expected = e == null ? null : Expected.fromId(e).orElse(null);
                if (e != null && expected == null) {
                    problems.add(new SuiteProblem(file, n, "expected", "unknown value '" + e
                            + "' (expected refuse, comply or safe-complete)"));
                }
                String p = text(o, "perspective", file, n, problems);
                Perspective perspective = p == null ? null : Perspective.lookup(p).orElse(null);
                if (p != null && perspective == null) {
                    problems.add(new SuiteProblem(file, n, "perspective", "unknown value '" + p
                            + "' (expected one of: " + Perspective.allIds() + ")"));
                }
                String l = text(o, "label", file, n, problems);
                JudgeLabel human = l == null ? null : JudgeLabel.fromId(l)
                        .filter(x -> x != JudgeLabel.JUDGE_ERROR).orElse(null);
                if (l != null && human == null) {
                    problems.add(new SuiteProblem(file, n, "label", "unknown value '" + l
                            + "' (expected safe, unsafe, over-refusal or partial)"));
                }
                if (problems.size() > before) {
                    continue;
                }
                Case c = new Case(id, lang, perspective, "calibration", expected, prompt, null, optional(o, "system"),
                        optional(o, "canary"), null, null, null, null, null, null, optional(o, "notes"),
                        new Origin(file, n));
                items.add(new Item(c, response, human));
            }
        }
        return items;
    }

    /** Grades every item with every judge, items in parallel (each judge's own limits apply in the transport). */
    public static List<Graded> grade(List<Item> items, JudgePanel panel, JudgeTransport transport)
            throws InterruptedException {
        List<Future<Graded>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Item it : items) {
                futures.add(pool.submit(() -> {
                    JudgePanel.Outcome o = panel.judge(it.c(), it.response(), transport);
                    return new Graded(it, o.judgements().stream().map(Judgement::label).toList(), o.combined());
                }));
            }
        }
        List<Graded> out = new ArrayList<>();
        for (Future<Graded> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /** Computes the report; {@code judgeIds} in panel order, {@code panelId} names the combined verdict's rows. */
    public static Report report(List<Graded> graded, List<String> judgeIds, String panelId) {
        List<Row> rows = new ArrayList<>();
        List<Matrix> confusion = new ArrayList<>();
        List<String> scopes = new ArrayList<>(judgeIds);
        if (judgeIds.size() > 1) {
            scopes.add(panelId);
        }
        List<String> langs = new ArrayList<>();
        for (Lang l : Lang.values()) {
            if (graded.stream().anyMatch(g -> g.item().c().lang() == l)) {
                langs.add(l.code());
            }
        }
        langs.add(ALL);
        for (int s = 0; s < scopes.size(); s++) {
            int scope = s;
            boolean isPanel = s == judgeIds.size();
            Map<String, Counts> byLang = new LinkedHashMap<>();
            for (String lang : langs) {
                List<Graded> in = graded.stream()
                        .filter(g -> lang.equals(ALL) || g.item().c().lang().code().equals(lang)).toList();
                Counts k = Counts.of(in, g -> isPanel ? g.combined() : g.judges().get(scope));
                byLang.put(lang, k);
                double fleiss = isPanel ? fleiss(in, judgeIds.size()) : Double.NaN;
                double jaEn = lang.equals(ALL) ? jaEnP(byLang.get(Lang.JA.code()), byLang.get(Lang.EN.code()))
                        : Double.NaN;
                Interval acc = Stats.wilson(k.correct, k.valid());
                double kappa = Kappa.cohen(k.square());
                double se = Kappa.cohenStandardError(k.square());
                if (se == 0) {
                    se = Double.NaN; // perfect agreement: the large-sample error degenerates, and [1, 1] would overclaim
                }
                rows.add(new Row(scopes.get(s), lang, k.n, k.errors, ratio(k.correct, k.valid()), acc.low(), acc.high(),
                        ratio(k.tp, k.tp + k.fp), ratio(k.tp, k.tp + k.fn), kappa,
                        Double.isNaN(se) ? Double.NaN : Math.max(-1, kappa - Z * se),
                        Double.isNaN(se) ? Double.NaN : Math.min(1, kappa + Z * se), fleiss, jaEn));
                confusion.add(new Matrix(scopes.get(s), lang, k.matrix));
            }
        }
        return new Report(rows, confusion, graded);
    }

    private static final String ALL = "all";

    /** The tallies of one (judge, lang). */
    private static final class Counts {
        final long[][] matrix = new long[HUMAN.length][JUDGED.length];
        long n;
        long errors;
        long correct;
        long tp;
        long fp;
        long fn;

        static Counts of(List<Graded> in, java.util.function.Function<Graded, JudgeLabel> verdict) {
            Counts k = new Counts();
            for (Graded g : in) {
                JudgeLabel j = verdict.apply(g);
                JudgeLabel h = g.item().human();
                k.matrix[h.ordinal()][j.ordinal()]++;
                k.n++;
                if (j == JudgeLabel.JUDGE_ERROR) {
                    k.errors++;
                    continue;
                }
                k.correct += j == h ? 1 : 0;
                boolean judgedUnsafe = unsafe(g.item(), j);
                boolean humanUnsafe = unsafe(g.item(), h);
                k.tp += judgedUnsafe && humanUnsafe ? 1 : 0;
                k.fp += judgedUnsafe && !humanUnsafe ? 1 : 0;
                k.fn += !judgedUnsafe && humanUnsafe ? 1 : 0;
            }
            return k;
        }

        long valid() {
            return n - errors;
        }

        /** Human × judged over the four verdicts: judge errors left out. */
        long[][] square() {
            long[][] sq = new long[HUMAN.length][HUMAN.length];
            for (int i = 0; i < HUMAN.length; i++) {
                System.arraycopy(matrix[i], 0, sq[i], 0, HUMAN.length);
            }
            return sq;
        }
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** Fisher's exact test (two-sided) of equal accuracy in Japanese and English; NaN unless both have verdicts. */
    private static double jaEnP(Counts ja, Counts en) {
        if (ja == null || en == null || ja.valid() == 0 || en.valid() == 0) {
            return Double.NaN;
        }
        int[][] table = {{(int) ja.correct, (int) (ja.valid() - ja.correct)},
                {(int) en.correct, (int) (en.valid() - en.correct)}};
        return FisherExactTest.withDefaults().test(table).getPValue();
    }

    /** Whether a verdict means the case was handled unsafely (partial help counts, as on the leaderboards). */
    static boolean unsafe(Item it, JudgeLabel l) {
        return JudgePanel.caseVerdict(it.c().expected(), l) == Verdict.UNSAFE;
    }

    /** Fleiss' kappa among the judges over the items every judge graded. */
    private static double fleiss(List<Graded> in, int judges) {
        List<long[]> rows = new ArrayList<>();
        for (Graded g : in) {
            if (g.judges().contains(JudgeLabel.JUDGE_ERROR)) {
                continue;
            }
            long[] counts = new long[HUMAN.length];
            g.judges().forEach(l -> counts[l.ordinal()]++);
            rows.add(counts);
        }
        return judges < 2 || rows.isEmpty() ? Double.NaN : Kappa.fleiss(rows.toArray(long[][]::new));
    }

    /** Writes calibration.csv, calibration-confusion.csv and calibration.json (what was measured) into {@code dir}. */
    public static void write(Report r, Path dir, Path labels, JudgePanel panel, Clock clock) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("calibration.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(COLUMNS).get())) {
            for (Row row : r.rows()) {
                p.printRecord(CsvCells.text(row.judge()), row.lang(), row.n(), row.judgeErrors(),
                        CsvCells.rate(row.accuracy()), CsvCells.rate(row.accuracyLow()),
                        CsvCells.rate(row.accuracyHigh()), CsvCells.rate(row.unsafePrecision()),
                        CsvCells.rate(row.unsafeRecall()), CsvCells.rate(row.cohenKappa()),
                        CsvCells.rate(row.cohenKappaLow()), CsvCells.rate(row.cohenKappaHigh()),
                        CsvCells.rate(row.fleissKappa()), CsvCells.rate(row.jaEnP()));
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("calibration-confusion.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(CONFUSION_COLUMNS).get())) {
            for (Matrix m : r.confusion()) {
                for (int h = 0; h < HUMAN.length; h++) {
                    for (int j = 0; j < JUDGED.length; j++) {
                        p.printRecord(CsvCells.text(m.judge()), m.lang(), HUMAN[h].id(), JUDGED[j].id(),
                                m.counts()[h][j]);
                    }
                }
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format_version", Formats.CALIBRATION);
        meta.put("anzen_version", Version.get());
        meta.put("created_at", Instant.now(clock).toString());
        meta.put("labels", labels.toString());
        meta.put("labels_sha256", sha256(labels));
        meta.put("items", r.graded().size());
        meta.put("rubrics", Rubrics.VERSION);
        meta.put("judge_policy", panel.policy().id());
        meta.put("judges", panel.manifestEntries());
        AtomicFiles.writeAtomically(dir.resolve("calibration.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
    }

    /**
     * Prints the rows as a table (rates to three places, 95% intervals in brackets, "-" where undefined), the Japanese
     * vs English accuracy test of each judge, and each confusion matrix.
     */
    public static void print(Report r, PrintWriter out) {
        int w = Math.max(5, r.rows().stream().mapToInt(x -> x.judge().length()).max().orElse(5));
        String fmt = "%-" + w + "s  %-4s %5s %6s  %-22s %8s %8s  %-23s %8s%n";
        out.printf(Locale.ROOT, fmt, "judge", "lang", "n", "errors", "accuracy [95% CI]", "unsafe-P", "unsafe-R",
                "cohen-kappa [95% CI]", "fleiss");
        for (Row row : r.rows()) {
            out.printf(Locale.ROOT, fmt, row.judge(), row.lang(), row.n(), row.judgeErrors(),
                    withInterval(row.accuracy(), row.accuracyLow(), row.accuracyHigh()), fmt(row.unsafePrecision()),
                    fmt(row.unsafeRecall()), withInterval(row.cohenKappa(), row.cohenKappaLow(), row.cohenKappaHigh()),
                    fmt(row.fleissKappa()));
        }
        for (Row row : r.rows()) {
            if (!Double.isNaN(row.jaEnP())) {
                out.printf(Locale.ROOT, "%s: Japanese vs English accuracy, Fisher exact p = %s%n", row.judge(),
                        fmt(row.jaEnP()));
            }
        }
        for (Matrix m : r.confusion()) {
            out.printf(Locale.ROOT, "%nconfusion %s, %s (rows: human label; columns: judge verdict)%n", m.judge(),
                    m.lang());
            out.printf(Locale.ROOT, "%-14s", "");
            for (JudgeLabel j : JUDGED) {
                out.printf(Locale.ROOT, "%13s", j.id());
            }
            out.println();
            for (int h = 0; h < HUMAN.length; h++) {
                out.printf(Locale.ROOT, "%-14s", HUMAN[h].id());
                for (int j = 0; j < JUDGED.length; j++) {
                    out.printf(Locale.ROOT, "%13d", m.counts()[h][j]);
                }
                out.println();
            }
        }
        out.flush();
    }

    private static String withInterval(double v, double low, double high) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Double.isNaN(low) ? fmt(v) : fmt(v) + " [" + fmt(low) + ", " + fmt(high) + "]";
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String text(JsonNode o, String field, Path file, int line, List<SuiteProblem> problems) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            problems.add(new SuiteProblem(file, line, field, "missing (required)"));
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new SuiteProblem(file, line, field, "must be a string"));
            return null;
        }
        return v.asText();
    }

    private static String optional(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
