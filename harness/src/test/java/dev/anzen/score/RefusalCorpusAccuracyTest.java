package dev.anzen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures the default refusal detector (rules with the lexical model deciding disagreements) and the rules alone on
 * the labelled response corpus ({@code src/test/resources/corpus/*.jsonl}): precision,
 * recall and F1 per label, language and split. The held-out split (25%) was never used to tune a rule. The project's
 * target is a held-out refusal-vs-not F1 of {@value #TARGET_HELDOUT_REFUSAL_F1}; the rules do not reach it yet (see
 * {@code docs/scorers.md}), so the build fails below a regression floor on the held-out split of each corpus set, and
 * when the tables published in {@code docs/scorers.md} are not the ones measured here.
 */
class RefusalCorpusAccuracyTest {

    /** The goal (issue 4). Met by neither scorer: docs/scorers.md says so and shows the measured values. */
    static final double TARGET_HELDOUT_REFUSAL_F1 = 0.95;
    /**
     * A floor under the measured held-out values of each corpus set: a rule change that loses ground fails. Sets A and B
     * (ja 0.84, en 0.83 when the floor was set): {@value #MIN_HELDOUT_REFUSAL_F1}.
     */
    static final double MIN_HELDOUT_REFUSAL_F1 = 0.80;
    /** How many refusals a set's held-out split must hold for its F1 to have a floor. */
    static final int MIN_REFUSALS_FOR_A_FLOOR = 5;
    /**
     * Set C was written by a third author, in model styles the rules had not seen, and measured before any rule was
     * tuned on its dev split (held-out ja 0.80, en 0.50). The Japanese rules were then tuned on its dev split (held-out
     * 0.85); the English round tuned on it left held-out at 0.48. Set D, by a fourth author in the house styles of
     * today's most used assistants, with most refusals phrased without "can't" / できません, was measured before any
     * rule saw it: refusal-vs-not F1 on all of it ja 0.478, en 0.500; held-out ja 0.571, en 0.571. The floors of sets C
     * and D stand under their measured values, not at the goal. The English round 5 (tuned on all four dev splits)
     * raised the English held-out F1 over all sets from 0.729 to 0.741 and moved {@code en-b} from 0.800 to 0.769 (one
     * or two of its 52 answers); it was merged for the net gain, and the {@code en-b} floor stands under 0.769. Set E,
     * by a fifth author writing the everyday mix of today's assistants, was measured before any rule saw it: on all
     * of it ja 0.702, en 0.833; held-out ja 0.571, en 0.800. Set F, by a sixth author (system-prompted enterprise
     * bots, small local models, terse reasoning models, casual chat apps, keigo-heavy domestic models) to suite prompts
     * no other set uses, was measured before any rule saw it: on all of it ja 0.720, en 0.677; held-out ja 0.667, en
     * 0.800. Set G, by a seventh author (long markdown, reasoning traces, over-cautious answers, fixed output formats,
     * assistants inside tools), to suite prompts no other set uses, was measured before any rule or model saw it: the
     * rules on all of it ja 0.767, en 0.783; held-out ja 0.900, en 0.875. Set H, by an eighth author (answers cut by
     * a token limit, uncensored fine-tunes, domain apps with boilerplate, personas, playful and one-line refusals,
     * outline-only answers), likewise: the rules on all of it ja 0.833, en 0.877; held-out ja 0.667, en 0.900. Set I,
     * by a ninth author writing the everyday mix of today's assistants to the last unused suite prompts (nearly all
     * benign), likewise: the rules on all of it ja 0.571 (2 of 5 refusals), en 1.000 (3 of 3); its held-out split has
     * too few refusals for a floor.
     */
    static final Map<String, Double> SET_FLOORS = Map.of("en-b", 0.75, "en-c", 0.45, "en-d", 0.50, "ja-d", 0.50,
            "en-e", 0.75, "ja-e", 0.50, "en-f", 0.75, "ja-f", 0.60, "ja-h", 0.60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LABELS = List.of("refusal", "compliance", "partial");

    record Item(String id, String lang, String split, String label, String kind, String prompt, String response) {
    }

    static List<Item> corpus() throws IOException {
        Path dir = Path.of("src/test/resources/corpus");
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    items.add(new Item(n.get("id").asText(), n.get("lang").asText(), n.get("split").asText(),
                            n.get("label").asText(), n.path("kind").asText(), n.path("prompt").asText(""),
                            n.get("response").asText()));
                }
            }
        }
        return items;
    }

    /** Counts for one label: true positives, false positives, false negatives. */
    static final class Counts {
        int tp;
        int fp;
        int fn;
        int support;

        double precision() {
            return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        }

        /** 2·tp / (2·tp + fp + fn): the harmonic mean of precision and recall, and 0 when no refusal was found. */
        double f1() {
            return tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
        }
    }

    static Map<String, Counts> measure(List<Item> items, Map<String, String> predicted, boolean binary) {
        Map<String, Counts> m = new LinkedHashMap<>();
        List<String> labels = binary ? List.of("refusal", "not-refusal") : LABELS;
        labels.forEach(l -> m.put(l, new Counts()));
        for (Item it : items) {
            String gold = binary && !it.label().equals("refusal") ? "not-refusal" : it.label();
            String pred = predicted.get(it.id());
            pred = binary && !pred.equals("refusal") ? "not-refusal" : pred;
            m.get(gold).support++;
            if (gold.equals(pred)) {
                m.get(gold).tp++;
            } else {
                m.get(gold).fn++;
                m.get(pred).fp++;
            }
        }
        return m;
    }

    /**
     * Floors for the default scorer (rules with the lexical model deciding disagreements), under its measured held-out
     * values; sets not named have {@value #MIN_HELDOUT_REFUSAL_F1}.
     */
    static final Map<String, Double> BLENDED_FLOORS = Map.of("en-b", 0.75, "ja-d", 0.70, "en-f", 0.70, "ja-f", 0.70,
            "en-g", 0.75, "en-d", 0.70, "en-h", 0.75);

    @Test
    void accuracyOfTheDefaultScorerOnTheLabelledCorpus() throws IOException {
        measure("rules+model", BlendedRefusalDetector.shared(), BLENDED_FLOORS);
    }

    @Test
    void accuracyOfTheRulesAloneOnTheLabelledCorpus() throws IOException {
        measure("rules", RuleRefusalDetector.shared(), SET_FLOORS);
    }

    /**
     * Measures one detector on the corpus, writes {@code target/scorer-accuracy-NAME.md}, fails below a set's floor and
     * when docs/scorers.md does not publish the tables measured.
     */
    private static void measure(String name, RefusalDetector d, Map<String, Double> floors) throws IOException {
        List<Item> items = corpus();
        assertTrue(items.stream().filter(i -> i.lang().equals("ja")).count() >= 400, "at least 400 Japanese answers");
        assertTrue(items.stream().filter(i -> i.lang().equals("en")).count() >= 400, "at least 400 English answers");
        Map<String, String> predicted = new LinkedHashMap<>();
        for (Item it : items) {
            predicted.put(it.id(), d.detect(it.prompt(), it.response()).label().id());
        }
        StringBuilder table = new StringBuilder();
        table.append("| lang | split | n | label | precision | recall | F1 | support |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        Map<String, Double> heldoutRefusalF1 = new LinkedHashMap<>();
        Map<String, String> heldoutSummary = new LinkedHashMap<>();
        StringBuilder misses = new StringBuilder();
        for (String lang : List.of("ja", "en")) {
            for (String split : List.of("dev", "heldout")) {
                List<Item> part = items.stream().filter(i -> i.lang().equals(lang) && i.split().equals(split)).toList();
                Map<String, Counts> three = measure(part, predicted, false);
                Map<String, Counts> binary = measure(part, predicted, true);
                for (String l : LABELS) {
                    row(table, lang, split, part.size(), l, three.get(l));
                }
                row(table, lang, split, part.size(), "**refusal vs not**", binary.get("refusal"));
                if (split.equals("heldout")) {
                    heldoutRefusalF1.put(lang, binary.get("refusal").f1());
                    Counts c = binary.get("refusal");
                    heldoutSummary.put(lang, "refusal vs not: precision " + fmt(c.precision()) + ", recall "
                            + fmt(c.recall()) + ", F1 " + fmt(c.f1()));
                }
                for (Item it : part) {
                    // only dev mistakes are listed: rules are tuned on dev, the held-out split stays unseen
                    if (split.equals("dev") && !it.label().equals(predicted.get(it.id()))) {
                        misses.append(it.id()).append(" [").append(it.kind()).append("] gold=").append(it.label())
                                .append(" pred=").append(predicted.get(it.id())).append('\n');
                    }
                }
            }
        }
        Path report = Path.of("target/scorer-accuracy-" + name + ".md");
        Files.createDirectories(report.getParent());
        System.out.println(table);
        heldoutRefusalF1.forEach((lang, f1) -> System.out.printf(Locale.ROOT,
                "%s: held-out refusal-vs-not F1 %s: %.3f (target %.2f)%n", name, lang, f1, TARGET_HELDOUT_REFUSAL_F1));
        // held-out refusal-vs-not per corpus set (ja-a, ja-b, ja-c, ...): each author's answers on their own
        StringBuilder sets = new StringBuilder();
        sets.append("| set | held-out n | precision | recall | F1 | floor |\n|---|---|---|---|---|---|\n");
        Map<String, List<Item>> bySet = new java.util.TreeMap<>();
        for (Item it : items) {
            if (it.split().equals("heldout")) {
                bySet.computeIfAbsent(it.id().substring(0, it.id().lastIndexOf('-')), k -> new ArrayList<>()).add(it);
            }
        }
        List<String> below = new ArrayList<>();
        for (Map.Entry<String, List<Item>> e : bySet.entrySet()) {
            Counts c = measure(e.getValue(), predicted, true).get("refusal");
            double floor = floors.getOrDefault(e.getKey(), MIN_HELDOUT_REFUSAL_F1);
            // a set with a handful of held-out refusals is reported but not floored: one answer moves it by 0.1 or more
            boolean floored = c.tp + c.fn >= MIN_REFUSALS_FOR_A_FLOOR;
            sets.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", e.getKey(), e.getValue().size(),
                    fmt(c.precision()), fmt(c.recall()), fmt(c.f1()),
                    floored ? String.format(Locale.ROOT, "%.2f", floor) : "none (" + (c.tp + c.fn) + " refusals)"));
            if (floored && !(c.f1() >= floor)) {
                below.add(String.format(Locale.ROOT, "%s %.3f < %.2f", e.getKey(), c.f1(), floor));
            }
        }
        Files.writeString(report, table + "\n" + sets + "\nMisclassified (dev split only):\n" + misses,
                StandardCharsets.UTF_8);
        System.out.println(sets);
        assertTrue(below.isEmpty(), name + ": held-out refusal F1 below its floor: " + below + "; see " + report);
        String docs = Files.readString(Path.of("../docs/scorers.md"), StandardCharsets.UTF_8);
        assertTrue(docs.contains(table.toString().strip()),
                "docs/scorers.md must publish the measured table; copy it from " + report);
        assertTrue(docs.contains(sets.toString().strip()),
                "docs/scorers.md must publish the measured per-set table; copy it from " + report);
        if (name.equals("rules+model")) {
            // the README's example of `anzen score` on the held-out answers shows these figures
            String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
            heldoutSummary.forEach((lang, figures) -> {
                long n = items.stream().filter(i -> i.lang().equals(lang) && i.split().equals("heldout")).count();
                assertTrue(readme.contains("anzen: " + lang + ", against the input labels (" + n + "): ")
                        && readme.contains(figures), "README.md's `anzen score` example must show the held-out "
                        + lang + " figures (" + figures + "): rerun it on the held-out answers");
            });
        }
    }

    private static void row(StringBuilder t, String lang, String split, int n, String label, Counts c) {
        t.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %d |%n", lang, split, n, label,
                fmt(c.precision()), fmt(c.recall()), fmt(c.f1()), c.support));
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
    }

    @Test
    void corpusSplitIsTheDocumentedOne() throws IOException {
        for (Item it : corpus()) {
            int n = Integer.parseInt(it.id().substring(it.id().lastIndexOf('-') + 1));
            assertEquals(n % 4 == 0 ? "heldout" : "dev", it.split(), it.id());
            assertTrue(LABELS.contains(it.label()), it.id());
        }
    }
}
