package dev.anzen.score;

import dev.anzen.text.JapaneseAnalyzer;
import dev.anzen.text.NormalizedText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains {@link RefusalModel} from the {@code dev} split of the labelled corpus and writes
 * {@code src/main/resources/dev/anzen/score/refusal-model.tsv}. Held-out answers are never read for training or for any
 * choice. After changing the corpus or the features, {@code ./mvnw -pl harness test -Dtest=RefusalModelTest
 * -Danzen.model.update=true} rewrites the file; the experiments below run from {@code harness/}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) dev.anzen.score.RefusalModelTraining
 *     [--choose-lambda | --new-author SET]
 * </pre>
 *
 * (or let {@code RefusalModelTest} tell you the shipped model is stale). The model is multinomial logistic regression,
 * mean log-loss plus λ/2·|w|² (intercepts not penalised), minimised by full-batch Adam for a fixed number of steps with
 * a learning rate falling linearly to 0; every step is deterministic ({@code StrictMath}, features in sorted order), so
 * the same corpus always gives the same file. Features seen in fewer than two training answers are dropped.
 * {@code --choose-lambda} picks λ for each language by leave-one-author-out cross-validation over the dev split
 * (pooled refusal-vs-not F1; ties to the larger λ) and prints it; the chosen values are written into the file's header.
 * {@code --new-author e} trains without set E's answers and compares the model with the rules on all of them.
 */
public final class RefusalModelTraining {

    static final int STEPS = 400;
    static final double RATE = 0.05;
    static final double[] LAMBDAS = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1};
    /** λ per language, as {@code --choose-lambda} chose it on the dev split of sets A–I. */
    static final Map<String, Double> LAMBDA = Map.of("ja", 1e-4, "en", 1e-1);
    /** The authors no rule was tuned on (sets E to I); {@link #chooseThreshold} reads their dev answers. */
    static final List<String> UNTUNED = List.of("e", "f", "g", "h", "i");
    static final Path MODEL = Path.of("src/main/resources/dev/anzen/score/refusal-model.tsv");

    private RefusalModelTraining() {
    }

    /** A training answer: its author's set (a, b, …), label index and feature names. */
    record Example(String set, int label, List<String> features) {
    }

    /** The author's set of a corpus id: "a" for ja-a-0001. */
    static String set(String id) {
        return id.substring(id.indexOf('-') + 1, id.lastIndexOf('-'));
    }

    /** The dev answers of the corpus, by the language whose model reads them (the answer's own script). */
    static Map<String, List<Example>> devExamples() throws IOException {
        JapaneseAnalyzer analyzer = JapaneseAnalyzer.shared();
        Map<String, List<Example>> byLang = new TreeMap<>();
        for (RefusalCorpusAccuracyTest.Item it : RefusalCorpusAccuracyTest.corpus()) {
            if (!it.split().equals("dev")) {
                continue;
            }
            NormalizedText n = NormalizedText.of(it.response());
            String lang = RefusalModel.language(n);
            List<String> names = new ArrayList<>();
            for (RefusalModel.Feature f : RefusalModel.features(n, lang, analyzer)) {
                names.add(f.name());
            }
            String set = set(it.id());
            int label = RefusalModel.LABELS.indexOf(RefusalLabel.fromId(it.label()));
            byLang.computeIfAbsent(lang, k -> new ArrayList<>()).add(new Example(set, label, names));
        }
        return byLang;
    }

    /** Trained weights: feature name → one weight per label; "bias" holds the intercepts. */
    static Map<String, double[]> train(List<Example> examples, double lambda) {
        Map<String, Integer> df = new TreeMap<>();
        for (Example e : examples) {
            for (String f : new TreeSet<>(e.features())) {
                df.merge(f, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        df.forEach((f, count) -> {
            if (count >= 2 && !f.equals("bias")) {
                index.put(f, names.size());
                names.add(f);
            }
        });
        int d = names.size() + 1; // the last slot is the intercept
        int classes = RefusalModel.LABELS.size();
        int[][] x = new int[examples.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = examples.get(i).features().stream().map(index::get).filter(j -> j != null).distinct()
                    .mapToInt(Integer::intValue).sorted().toArray();
        }
        double n = x.length;
        double[][] w = new double[classes][d];
        double[][] m1 = new double[classes][d];
        double[][] m2 = new double[classes][d];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int t = 1; t <= STEPS; t++) {
            double[][] g = new double[classes][d];
            for (int i = 0; i < x.length; i++) {
                double[] z = new double[classes];
                for (int k = 0; k < classes; k++) {
                    double s = w[k][d - 1];
                    for (int j : x[i]) {
                        s += w[k][j];
                    }
                    z[k] = s;
                }
                double[] p = RefusalModel.softmax(z);
                for (int k = 0; k < classes; k++) {
                    double r = (p[k] - (examples.get(i).label() == k ? 1 : 0)) / n;
                    for (int j : x[i]) {
                        g[k][j] += r;
                    }
                    g[k][d - 1] += r;
                }
            }
            double c1 = 1 - StrictMath.pow(b1, t);
            double c2 = 1 - StrictMath.pow(b2, t);
            double rate = RATE * (1.0 - (t - 1.0) / STEPS);
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    double gj = g[k][j] + (j < d - 1 ? lambda * w[k][j] : 0);
                    m1[k][j] = b1 * m1[k][j] + (1 - b1) * gj;
                    m2[k][j] = b2 * m2[k][j] + (1 - b2) * gj * gj;
                    w[k][j] -= rate * (m1[k][j] / c1) / (StrictMath.sqrt(m2[k][j] / c2) + 1e-8);
                }
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        for (int j = 0; j < names.size(); j++) {
            out.put(names.get(j), new double[] {w[0][j], w[1][j], w[2][j]});
        }
        out.put("bias", new double[] {w[0][d - 1], w[1][d - 1], w[2][d - 1]});
        return out;
    }

    /** The label a trained model gives an example (argmax; ties to the first label). */
    static int predict(Map<String, double[]> w, Example e) {
        return argmax(scores(w, e.features()));
    }

    /** The labels' scores (before softmax) of an answer's features under trained weights; each feature counts once. */
    static double[] scores(Map<String, double[]> w, List<String> features) {
        double[] z = w.get("bias").clone();
        for (String f : new TreeSet<>(features)) {
            double[] fw = w.get(f);
            if (fw != null && !f.equals("bias")) {
                for (int k = 0; k < z.length; k++) {
                    z[k] += fw[k];
                }
            }
        }
        return z;
    }

    /** The index of the largest value; ties to the first. */
    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    /** λ by leave-one-author-out cross-validation over the given dev examples: pooled refusal-vs-not F1. */
    static double chooseLambda(List<Example> examples) {
        TreeSet<String> sets = new TreeSet<>();
        examples.forEach(e -> sets.add(e.set()));
        double best = -1;
        double chosen = LAMBDAS[0];
        for (double lambda : LAMBDAS) {
            int[] counts = new int[3];
            for (String held : sets) {
                List<Example> train = examples.stream().filter(e -> !e.set().equals(held)).toList();
                Map<String, double[]> w = train(train, lambda);
                for (Example e : examples) {
                    if (e.set().equals(held)) {
                        count(counts, predict(w, e) == 0, e.label() == 0);
                    }
                }
            }
            double f1 = f1(counts);
            System.out.printf(Locale.ROOT, "  lambda %.0e: cross-validated F1 %.3f%n", lambda, f1);
            if (f1 >= best - 1e-9) {
                best = f1;
                chosen = lambda;
            }
        }
        return chosen;
    }

    /** The model file's text: header, then one line per language and feature, weights in shortest round-trip form. */
    static String render(Map<String, Map<String, double[]>> byLang, Map<String, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(RefusalModel.FORMAT).append(": multinomial logistic regression (refusal, compliance, partial)"
                + " over answer words, word pairs, the same in the opening, and answer shape\n");
        sb.append("# trained by dev.anzen.score.RefusalModelTraining on the dev split of harness/src/test/resources/corpus"
                + " only (held-out answers never read); ").append(STEPS).append(" Adam steps, rate ").append(RATE)
                .append(" falling to 0\n");
        byLang.keySet().forEach(lang -> sb.append("# ").append(lang).append(": ").append(counts.get(lang))
                .append(" dev answers, lambda ").append(LAMBDA.get(lang)).append(", ")
                .append(byLang.get(lang).size() - 1).append(" features\n"));
        sb.append("# language\tfeature\trefusal\tcompliance\tpartial\n");
        byLang.forEach((lang, w) -> w.forEach((f, v) -> sb.append(lang).append('\t').append(f).append('\t')
                .append(num(v[0])).append('\t').append(num(v[1])).append('\t').append(num(v[2])).append('\n')));
        return sb.toString();
    }

    /** Six significant digits: enough for the predictions, and a file a reviewer can diff. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Trains both languages with the recorded λ and renders the file. */
    static String trainedFile() throws IOException {
        Map<String, List<Example>> examples = devExamples();
        Map<String, Map<String, double[]>> byLang = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (var e : examples.entrySet()) {
            byLang.put(e.getKey(), train(e.getValue(), LAMBDA.get(e.getKey())));
            counts.put(e.getKey(), e.getValue().size());
        }
        return render(byLang, counts);
    }

    /**
     * An author the model has not seen: trains on the dev answers of every other set and reads all of set {@code x}
     * (both splits), against the rules on the same answers. Prints refusal-vs-not F1 per language and how many answers
     * each got right that the other got wrong.
     */
    static void newAuthor(String x) throws IOException {
        JapaneseAnalyzer analyzer = JapaneseAnalyzer.shared();
        Map<String, List<Example>> dev = devExamples();
        RuleRefusalDetector rules = RuleRefusalDetector.shared();
        for (String lang : dev.keySet()) {
            List<Example> train = dev.get(lang).stream().filter(e -> !e.set().equals(x)).toList();
            Map<String, double[]> w = train(train, LAMBDA.get(lang));
            int[] model = new int[3];
            int[] byRules = new int[3];
            int modelOnly = 0;
            int rulesOnly = 0;
            for (RefusalCorpusAccuracyTest.Item it : RefusalCorpusAccuracyTest.corpus()) {
                String set = set(it.id());
                NormalizedText n = NormalizedText.of(it.response());
                if (!set.equals(x) || !RefusalModel.language(n).equals(lang)) {
                    continue;
                }
                List<String> names = RefusalModel.features(n, lang, analyzer).stream().map(RefusalModel.Feature::name)
                        .toList();
                boolean gold = it.label().equals("refusal");
                boolean m = predict(w, new Example(set, -1, names)) == 0;
                boolean r = rules.detect(it.prompt(), it.response()).label() == RefusalLabel.REFUSAL;
                count(model, m, gold);
                count(byRules, r, gold);
                modelOnly += m == gold && r != gold ? 1 : 0;
                rulesOnly += r == gold && m != gold ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "set %s, %s answers: model F1 %.3f, rules F1 %.3f; model right and rules wrong"
                    + " %d, rules right and model wrong %d%n", x, lang, f1(model), f1(byRules), modelOnly, rulesOnly);
        }
    }

    /**
     * How sure the model must be to overrule the rules, chosen per language on the dev answers of the authors no rule
     * was tuned on ({@link #UNTUNED}): for each such author the model is trained without the author's answers, and
     * each threshold's blend is scored (refusal-vs-not F1, pooled over the authors). Held-out answers are not read.
     * The rules look nearly perfect on the dev answers they were tuned on, so those could only ever argue for the
     * rules; an author they were not tuned on is the fair ground for the choice.
     */
    static void chooseThreshold() throws IOException {
        JapaneseAnalyzer analyzer = JapaneseAnalyzer.shared();
        Map<String, List<Example>> dev = devExamples();
        RuleRefusalDetector rules = RuleRefusalDetector.shared();
        double[] thresholds = {0.34, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01};
        for (String lang : dev.keySet()) {
            int[][] counts = new int[thresholds.length][3];
            for (String x : UNTUNED) {
                Map<String, double[]> w = train(dev.get(lang).stream().filter(e -> !e.set().equals(x)).toList(),
                        LAMBDA.get(lang));
                for (RefusalCorpusAccuracyTest.Item it : RefusalCorpusAccuracyTest.corpus()) {
                    String set = set(it.id());
                    NormalizedText n = NormalizedText.of(it.response());
                    if (!set.equals(x) || !it.split().equals("dev") || !RefusalModel.language(n).equals(lang)) {
                        continue;
                    }
                    double[] p = RefusalModel.softmax(scores(w, RefusalModel.features(n, lang, analyzer).stream()
                            .map(RefusalModel.Feature::name).toList()));
                    int m = argmax(p);
                    boolean r = rules.detect(it.prompt(), it.response()).label() == RefusalLabel.REFUSAL;
                    boolean gold = it.label().equals("refusal");
                    for (int t = 0; t < thresholds.length; t++) {
                        count(counts[t], p[m] >= thresholds[t] ? m == 0 : r, gold);
                    }
                }
            }
            for (int t = 0; t < thresholds.length; t++) {
                System.out.printf(Locale.ROOT, "%s: model overrules at p >= %.2f: F1 %.3f%n", lang, thresholds[t],
                        f1(counts[t]));
            }
        }
    }

    private static void count(int[] c, boolean predicted, boolean gold) {
        c[0] += predicted && gold ? 1 : 0;
        c[1] += predicted && !gold ? 1 : 0;
        c[2] += !predicted && gold ? 1 : 0;
    }

    private static double f1(int[] c) {
        return 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
    }

    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--choose-threshold")) {
            chooseThreshold();
            return;
        }
        int i = Arrays.asList(args).indexOf("--new-author");
        if (i >= 0) {
            newAuthor(args[i + 1]);
            return;
        }
        if (Arrays.asList(args).contains("--choose-lambda")) {
            for (var e : devExamples().entrySet()) {
                System.out.println(e.getKey() + ": " + e.getValue().size() + " dev answers");
                System.out.println(e.getKey() + ": chosen lambda " + chooseLambda(e.getValue()));
            }
            return;
        }
        Files.createDirectories(MODEL.getParent());
        Files.writeString(MODEL, trainedFile(), StandardCharsets.UTF_8);
        System.out.println("wrote " + MODEL.toAbsolutePath());
    }
}
