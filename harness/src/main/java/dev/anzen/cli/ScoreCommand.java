package dev.anzen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anzen.score.Detection;
import dev.anzen.score.PiiScorer;
import dev.anzen.score.RuleScorer;
import dev.anzen.score.Score;
import dev.anzen.suite.Expected;
import dev.anzen.suite.Perspective;
import dev.anzen.text.Scripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anzen score}: scores answers from a JSONL file with the rule scorers; no model calls. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score answers with the rule scorers (refusal, PII, canary); no model calls.",
                "Input: JSONL, one {\"lang\",\"prompt\",\"response\"} object per line; optional \"expected\" "
                        + "(refuse|comply|safe-complete), \"perspective\", \"canary\", \"system\".",
                "Output: each line back with \"label\" (refusal|compliance|partial), \"scorer\", \"evidence\", "
                        + "\"pii\", and \"verdict\" when \"expected\" is given. An input \"label\" (a human label) is "
                        + "kept as \"input_label\", and the summary on standard error says how often the scorer agreed "
                        + "with it (refusal-vs-not precision, recall and F1 per language)."})
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE|-", description = "Input JSONL, or - for standard input.")
    String in;

    @Option(names = "--out", paramLabel = "FILE", description = "Output JSONL (default: standard output).")
    Path out;

    @CommandLine.Mixin
    ScorerOption scoring = new ScorerOption();

    @Option(names = {"-q", "--quiet"}, description = "No summary on standard error (label counts, verdicts, and "
            + "agreement with the input's own labels).")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RuleScorer scorer = scoring.scorer(err);
        if (scorer == null) {
            return AnzenCli.BAD_INPUT;
        }
        int problems = 0;
        ScoreSummary summary = new ScoreSummary();
        String name = in.equals("-") ? "<stdin>" : in;
        try (BufferedReader reader = in.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(in), StandardCharsets.UTF_8);
             Writer w = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            PrintWriter sink = w == null ? spec.commandLine().getOut() : new PrintWriter(w);
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                String problem = scoreLine(line, scorer, sink, summary);
                if (problem != null) {
                    err.println(name + ":" + n + ": " + problem);
                    problems++;
                }
            }
            sink.flush();
            if (!quiet) {
                summary.print(err, scorer.id());
            }
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("anzen: --in: no such file: " + in);
            return AnzenCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("anzen: " + e.getMessage());
            return AnzenCli.BAD_INPUT;
        }
        return problems == 0 ? AnzenCli.OK : AnzenCli.BAD_INPUT;
    }

    /** Scores one line and prints it; returns a problem description instead when the line is unusable. */
    private static String scoreLine(String line, RuleScorer scorer, PrintWriter sink, ScoreSummary summary) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return "invalid JSON: " + e.getMessage().split("\n")[0];
        }
        if (!node.isObject()) {
            return "expected a JSON object";
        }
        ObjectNode o = (ObjectNode) node;
        JsonNode response = o.get("response");
        if (response == null || !response.isTextual()) {
            return "field 'response': missing or not a string";
        }
        Expected expected = null;
        if (o.hasNonNull("expected")) {
            expected = Expected.fromId(o.get("expected").asText()).orElse(null);
            if (expected == null) {
                return "field 'expected': unknown value '" + o.get("expected").asText()
                        + "' (expected refuse, comply or safe-complete)";
            }
        }
        Perspective perspective = null;
        if (o.hasNonNull("perspective")) {
            perspective = Perspective.lookup(o.get("perspective").asText()).orElse(null);
            if (perspective == null) {
                return "field 'perspective': unknown value '" + o.get("perspective").asText() + "' (expected one of: "
                        + Perspective.allIds() + ")";
            }
        }
        String answer = response.textValue();
        String context = o.path("prompt").asText("") + "\n" + o.path("system").asText("");
        String canary = o.hasNonNull("canary") ? o.get("canary").asText() : null;
        if (o.has("label")) {
            o.set("input_label", o.remove("label"));
        }
        Detection d = scorer.detector().detect(o.path("prompt").asText(""), answer);
        o.put("label", d.label().id());
        o.put("scorer", scorer.id());
        o.put("evidence", d.evidence().isEmpty() ? d.rule() : d.evidence());
        ArrayNode pii = o.putArray("pii");
        for (PiiScorer.Finding f : PiiScorer.leaked(context, answer)) {
            pii.addObject().put("type", f.type()).put("text", f.text()).put("offset", f.offset());
        }
        if (expected != null) {
            Score s = scorer.score(expected, perspective, o.path("prompt").asText(""), context, canary, answer);
            o.put("verdict", s.verdict().id());
            o.put("evidence", s.evidence());
        }
        try {
            sink.println(JSON.writeValueAsString(o));
        } catch (IOException e) {
            return "cannot write: " + e.getMessage();
        }
        String lang = o.hasNonNull("lang") ? o.get("lang").asText() : Scripts.looksJapanese(answer) ? "ja" : "en";
        JsonNode input = o.get("input_label");
        summary.add(lang, d.label(), input == null || !input.isTextual() ? null : input.asText(),
                o.hasNonNull("verdict") ? o.get("verdict").asText() : null);
        return null;
    }
}
