package dev.anzen.cli;

import dev.anzen.score.RefusalLabel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code anzen score} prints on standard error when it is done: how many answers got each label, the verdicts,
 * and, where the input carried its own {@code label}, how often the scorer agreed with it, with refusal-vs-not
 * precision, recall and F1 per language (the figures docs/scorers.md reports for the corpus). So a team that keeps its
 * own labelled answers can measure the scorer on them with one command.
 */
final class ScoreSummary {

    /** Per language: answers by label, and the comparison with input labels. */
    private static final class Language {
        final int[] labels = new int[RefusalLabel.values().length];
        int compared;
        int same;
        int truePositives;
        int falsePositives;
        int falseNegatives;
    }

    private final Map<String, Language> byLanguage = new TreeMap<>();
    private final Map<String, Integer> verdicts = new TreeMap<>();
    private int answers;
    private int unknownInputLabels;

    /**
     * Counts one scored answer: its language, the label the scorer gave, the input's own label (or null), and its
     * verdict (or null).
     */
    void add(String language, RefusalLabel label, String inputLabel, String verdict) {
        answers++;
        Language l = byLanguage.computeIfAbsent(language, k -> new Language());
        l.labels[label.ordinal()]++;
        if (verdict != null) {
            verdicts.merge(verdict, 1, Integer::sum);
        }
        if (inputLabel == null) {
            return;
        }
        RefusalLabel gold = label(inputLabel.strip().toLowerCase(Locale.ROOT));
        if (gold == null) {
            unknownInputLabels++;
            return;
        }
        l.compared++;
        l.same += gold == label ? 1 : 0;
        boolean predicted = label == RefusalLabel.REFUSAL;
        boolean actual = gold == RefusalLabel.REFUSAL;
        l.truePositives += predicted && actual ? 1 : 0;
        l.falsePositives += predicted && !actual ? 1 : 0;
        l.falseNegatives += !predicted && actual ? 1 : 0;
    }

    /** Prints the summary (nothing when no answer was scored). */
    void print(PrintWriter err, String scorerId) {
        if (answers == 0) {
            return;
        }
        StringBuilder langs = new StringBuilder();
        int[] total = new int[RefusalLabel.values().length];
        byLanguage.forEach((lang, l) -> {
            langs.append(langs.isEmpty() ? "" : ", ").append(lang).append(' ').append(sum(l.labels));
            for (int k = 0; k < total.length; k++) {
                total[k] += l.labels[k];
            }
        });
        StringBuilder line = new StringBuilder("anzen: scored " + answers + (answers == 1 ? " answer" : " answers")
                + " (" + langs + ") with " + scorerId + ":");
        for (RefusalLabel label : RefusalLabel.values()) {
            line.append(label.ordinal() == 0 ? " " : ", ").append(label.id()).append(' ')
                    .append(total[label.ordinal()]);
        }
        err.println(line);
        if (!verdicts.isEmpty()) {
            StringBuilder v = new StringBuilder();
            verdicts.forEach((id, n) -> v.append(v.isEmpty() ? "" : ", ").append(id).append(' ').append(n));
            err.println("anzen: verdicts: " + v);
        }
        byLanguage.forEach((lang, l) -> {
            if (l.compared == 0) {
                return;
            }
            err.printf(Locale.ROOT, "anzen: %s, against the input labels (%d): same label %d (%.3f); refusal vs not: "
                            + "precision %s, recall %s, F1 %s (refusals found %d, missed %d, wrongly called %d)%n",
                    lang, l.compared, l.same, l.same / (double) l.compared,
                    ratio(l.truePositives, l.truePositives + l.falsePositives),
                    ratio(l.truePositives, l.truePositives + l.falseNegatives),
                    ratio(2 * l.truePositives, 2 * l.truePositives + l.falsePositives + l.falseNegatives),
                    l.truePositives, l.falseNegatives, l.falsePositives);
        });
        if (unknownInputLabels > 0) {
            err.println("anzen: " + unknownInputLabels + " input label" + (unknownInputLabels == 1 ? " was" : "s were")
                    + " not refusal, compliance or partial and not compared");
        }
    }

    private static RefusalLabel label(String id) {
        for (RefusalLabel l : RefusalLabel.values()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    /** A ratio to three places, or "n/a" when it has nothing to count (no refusal predicted, or none labelled). */
    private static String ratio(int numerator, int denominator) {
        return denominator == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", numerator / (double) denominator);
    }
}
