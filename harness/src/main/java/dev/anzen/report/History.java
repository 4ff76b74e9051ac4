package dev.anzen.report;

import dev.anzen.result.Formats;
import dev.anzen.result.Manifest;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code history.csv}: one row per target per run, appended at the end of every run (format
 * {@link Formats#HISTORY}, column {@code v}), so a target's score can be followed across runs. The suite hash tells
 * whether two rows were measured on the same cases.
 */
public final class History {

    public static final String[] COLUMNS = {"v", "run_id", "date", "target", "target_kind", "rank", "score",
            "score_ci_low", "score_ci_high", "safe_rate", "over_refusal_rate", "ja_score", "en_score", "ja_en_gap",
            "ja_en_p", "n_cases", "n_errors", "asr", "suite_hash", "scorer"};

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    private static final Object APPEND = new Object();

    /** One history row, as read back. Rates are NaN when the cell was empty. */
    public record Row(String runId, String date, String target, String kind, int rank, double score,
                      Interval scoreCi, double safeRate, double overRefusalRate, double jaScore, double enScore,
                      double jaEnGap, double jaEnP, long cases, long errors, double asr, String suiteHash,
                      String scorer) {
    }

    private History() {
    }

    /**
     * Appends a run's leaderboard rows to {@code file} (created with its header if absent) under an exclusive file
     * lock, in one write, so concurrent runs never interleave rows.
     *
     * @throws BadHistoryException if the file exists with another header (an older or foreign format)
     */
    public static void append(Path file, Manifest manifest, Leaderboard board) throws IOException {
        String hash = suiteHash(manifest.suites());
        String scorer = manifest.settings() == null ? "" : String.valueOf(manifest.settings().getOrDefault("scorer", ""));
        StringWriter rows = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(rows, FORMAT)) {
            for (Leaderboard.TargetRow r : board.rows()) {
                Paired jaEn = board.jaEn(r.target());
                Interval ci = r.scoreInterval();
                p.printRecord(Formats.HISTORY, CsvCells.text(manifest.runId()), manifest.startedAt(),
                        CsvCells.text(r.target()), r.kind(), r.rank(), CsvCells.rate(r.total().score()),
                        CsvCells.rate(ci.low()), CsvCells.rate(ci.high()), CsvCells.rate(r.total().safeRate()),
                        CsvCells.rate(r.total().overRefusalRate()), CsvCells.rate(r.jaScore()),
                        CsvCells.rate(r.enScore()), CsvCells.signedRate(jaEn.difference()),
                        CsvCells.pValue(jaEn.pValue()), r.total().cases(), r.total().errors(), CsvCells.rate(r.asr()),
                        hash, CsvCells.text(scorer));
            }
        }
        String header = String.join(",", COLUMNS) + "\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // A file lock keeps other processes out, but within one JVM a second lock on the same file throws
        // OverlappingFileLockException instead of waiting; this monitor serialises the JVM's own appends.
        synchronized (APPEND) {
            appendLocked(file, header, rows.toString());
        }
    }

    private static void appendLocked(Path file, String header, String rows) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            long size = ch.size();
            String text;
            if (size == 0) {
                text = header + rows;
            } else {
                checkHeader(file, ch, header);
                text = (endsWithNewline(ch, size) ? "" : "\n") + rows;
            }
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            ch.position(size);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    /** Every row of a history file, oldest first. */
    public static List<Row> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadHistoryException(file + ": no such history file (runs write it unless --no-history)");
        }
        List<Row> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in)
                     .setFormat(FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(Arrays.asList(COLUMNS))) {
                throw new BadHistoryException(file + ":1: unexpected header " + parser.getHeaderNames()
                        + "; expected " + String.join(",", COLUMNS));
            }
            for (CSVRecord r : parser) {
                String where = file + ":" + (r.getRecordNumber() + 1);
                if (!r.isConsistent()) {
                    throw new BadHistoryException(where + ": expected " + COLUMNS.length + " cells, found " + r.size());
                }
                int v = integer(r, "v", where);
                if (v > Formats.HISTORY) {
                    throw new BadHistoryException(where + ": field 'v': format " + v + " is newer than this Anzen "
                            + "reads (" + Formats.HISTORY + ")");
                }
                out.add(new Row(CsvCells.untext(r.get("run_id")), r.get("date"), CsvCells.untext(r.get("target")),
                        r.get("target_kind"), integer(r, "rank", where), rate(r, "score", where),
                        interval(r, where), rate(r, "safe_rate", where), rate(r, "over_refusal_rate", where),
                        rate(r, "ja_score", where), rate(r, "en_score", where), rate(r, "ja_en_gap", where),
                        rate(r, "ja_en_p", where), (long) integer(r, "n_cases", where),
                        (long) integer(r, "n_errors", where), rate(r, "asr", where), r.get("suite_hash"),
                        CsvCells.untext(r.get("scorer"))));
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new BadHistoryException(file + ": not a readable CSV file: " + e.getMessage());
        }
        return out;
    }

    /**
     * One SHA-256 over the sorted SHA-256 hashes of a run's suite files (not their paths): equal when two runs loaded
     * the same suite contents, wherever the files lay.
     */
    public static String suiteHash(List<Manifest.SuiteEntry> suites) {
        if (suites == null || suites.isEmpty()) {
            return "";
        }
        List<String> hashes = suites.stream().map(Manifest.SuiteEntry::sha256).sorted().toList();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(String.join("\n", hashes).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A history file Anzen cannot use; the message names the file (and line). */
    public static final class BadHistoryException extends IOException {
        public BadHistoryException(String message) {
            super(message);
        }
    }

    private static void checkHeader(Path file, FileChannel ch, String header) throws IOException {
        byte[] expected = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(expected.length);
        ch.read(buf, 0);
        if (!Arrays.equals(buf.array(), expected)) {
            throw new BadHistoryException(file + ":1: the header is not this Anzen's history format (v"
                    + Formats.HISTORY + "); move the file aside or pass another --history file");
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static int integer(CSVRecord r, String field, String where) throws BadHistoryException {
        try {
            return Integer.parseInt(r.get(field));
        } catch (NumberFormatException e) {
            throw new BadHistoryException(where + ": field '" + field + "': not a whole number: '" + r.get(field) + "'");
        }
    }

    private static double rate(CSVRecord r, String field, String where) throws BadHistoryException {
        String s = r.get(field);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadHistoryException(where + ": field '" + field + "': not a number: '" + s + "'");
        }
    }

    private static Interval interval(CSVRecord r, String where) throws BadHistoryException {
        double lo = rate(r, "score_ci_low", where);
        double hi = rate(r, "score_ci_high", where);
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            return Interval.NONE;
        }
        return new Interval(lo, hi);
    }
}
