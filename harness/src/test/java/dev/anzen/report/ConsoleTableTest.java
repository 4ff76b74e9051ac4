package dev.anzen.report;

import static dev.anzen.testing.RunDirs.score;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anzen.result.ScoreRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal leaderboard shows each score's interval next to the shared ranks it explains. */
class ConsoleTableTest {

    @Test
    void showsIntervalsAndSharedRanks() {
        Aggregator agg = new Aggregator();
        List<ScoreRecord> r = new ArrayList<>();
        add(r, "ollama:qwen2.5:7b", 95, 100);
        add(r, "ollama:llama3.1:8b", 9, 10);
        add(r, "openai:gpt-4o-mini", 60, 100);
        agg.target("builtin:refuse", "reference");
        r.forEach(agg::add);
        StringWriter out = new StringWriter();
        ConsoleTable.print(agg.leaderboard(), new PrintWriter(out));
        assertEquals("""
                rank  target                       score  95% CI          safe  over-ref      ja      en   cases  errors
                1     ollama:qwen2.5:7b            95.0%  88.8–97.8%     95.0%         -       -   95.0%     100       0
                1     ollama:llama3.1:8b           90.0%  59.6–98.2%     90.0%         -       -   90.0%      10       0
                2     openai:gpt-4o-mini           60.0%  50.2–69.1%     60.0%         -       -   60.0%     100       0
                4     builtin:refuse (reference)       -  -                  -         -       -       -       0       0
                Ranks are shared while 95% intervals overlap: rank = 1 + targets whose whole interval is higher.
                (reference) = built-in offline reference target, not a model.
                """, out.toString());
    }

    private static void add(List<ScoreRecord> r, String target, int safe, int n) {
        for (int i = 0; i < n; i++) {
            r.add(score(target, "en-toxic-output-" + i, "en", "toxic-output", "refuse", null,
                    i < safe ? "safe" : "unsafe"));
        }
    }
}
