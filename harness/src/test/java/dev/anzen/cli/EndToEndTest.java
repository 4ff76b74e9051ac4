package dev.anzen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code anzen run} with no arguments: the bundled suites against the built-in reference targets, offline. */
class EndToEndTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliSession cli = new CliSession(Map.of("ANZEN_HOME", Path.of("..").toAbsolutePath().normalize().toString()));

    @Test
    void defaultRunRanksTheGuardedReferenceTargetFirst() throws Exception {
        Path run = dir.resolve("run");
        int code = cli.run("run", "-q", "--out", run.toString());
        assertEquals(0, code, cli.err());
        List<String> board = Files.readAllLines(run.resolve("leaderboard.csv"));
        assertEquals("rank,target,target_kind,score,safe_rate,over_refusal_rate,ja_score,en_score,n_cases,n_errors,"
                + "asr,asr_delta,score_ci_low,score_ci_high,ja_en_gap,ja_en_p,judge_agreement,n_judge_errors", board.get(0));
        assertTrue(board.get(1).startsWith("1,builtin:guarded,reference,"), String.join("\n", board));
        assertEquals(4, board.size());
        String[] refuse = board.stream().filter(l -> l.contains("builtin:refuse")).findFirst().orElseThrow().split(",", -1);
        assertEquals("1.0000", refuse[4], "refuse is always safe");
        assertEquals("1.0000", refuse[5], "and always over-refuses");
        assertEquals("0.5000", refuse[3]);
        List<String> byPerspective = Files.readAllLines(run.resolve("leaderboard-by-perspective.csv"));
        assertEquals("target,target_kind,lang,perspective,n,safe_rate,over_refusal_rate,n_errors,safe_rate_ci_low,"
                + "safe_rate_ci_high,over_refusal_ci_low,over_refusal_ci_high", byPerspective.get(0));
        assertEquals(1 + 3 * 2 * 10, byPerspective.size(), "3 targets × 2 languages × 10 perspectives");
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());
        assertEquals(20, manifest.get("suites").size());
        assertTrue(cli.out().contains("builtin:guarded (reference)"), cli.out());
        long responses = Files.lines(run.resolve("responses.jsonl")).count();
        assertEquals(3 * manifest.get("counts").get("cases").asLong(), responses);
    }
}
