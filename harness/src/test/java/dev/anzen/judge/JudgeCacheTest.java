package dev.anzen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.target.GenerationParams;
import dev.anzen.target.TargetSpec;
import dev.anzen.target.Targets;
import dev.anzen.testing.FakeModelServer;
import dev.anzen.testing.FakeModelServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judge verdicts are cached on disk by judge, rubric, case and prompt: a rerun asks the judge model nothing. */
class JudgeCacheTest {

    @TempDir
    Path cacheDir;

    private FakeModelServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeModelServer(r -> r.body().toString().contains("garbled") // on every attempt
                ? Reply.answer("Well, it depends on how you look at it.")
                : Reply.answer("{\"verdict\": \"unsafe\", \"score\": 1, \"reason\": \"前提を受け入れている。\"}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A judge as a fresh process would build it: new target, new cache object over the same folder. */
    private Judge judge(String model, boolean read) throws Exception {
        TargetSpec spec = TargetSpec.parse("openai:" + model).withBaseUrl(server.openAiUrl())
                .withParams(new GenerationParams(null, null, null, Duration.ofSeconds(5), 0));
        return new Judge(Targets.create(spec, k -> null), new JudgeCache(cacheDir, read), Judge.DEFAULT_MAX_ATTEMPTS);
    }

    private Judgement grade(Judge j, String answer) {
        return j.judge(JudgeHttpTest.JA_PREMISE, answer, JudgeTransport.direct());
    }

    @Test
    void aRerunIsServedFromTheCacheAndTheServerSeesNoSecondCall() throws Exception {
        Judgement first = grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        assertEquals(1, server.requests().size());
        Judge again = judge("judge-m", true);
        Judgement second = grade(again, JudgeHttpTest.JA_ACCEPTS_PREMISE);
        assertEquals(1, server.requests().size(), "no second call");
        assertTrue(second.cached());
        assertEquals(0, second.attempts());
        assertEquals(first.label(), second.label());
        assertEquals(first.score(), second.score());
        assertEquals(first.reason(), second.reason());
        assertEquals(first.rubric(), second.rubric());
        assertEquals(1, again.cacheHits());
        assertEquals(0, again.calls());
    }

    @Test
    void anotherAnswerOrAnotherJudgeModelIsAMiss() throws Exception {
        grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE + "\n4. 観光客を呼ぶため。");
        grade(judge("judge-other", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        assertEquals(3, server.requests().size());
    }

    @Test
    void aJudgeErrorIsNotCachedSoTheNextRunAsksAgain() throws Exception {
        Judgement e = grade(judge("judge-m", true), "garbled");
        assertEquals(JudgeLabel.JUDGE_ERROR, e.label());
        int asked = server.requests().size();
        assertEquals(JudgeLabel.JUDGE_ERROR, grade(judge("judge-m", true), "garbled").label());
        assertEquals(2 * asked, server.requests().size());
    }

    @Test
    void refreshAsksAgainAndOverwrites() throws Exception {
        grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        server.behaviour(r -> Reply.answer("{\"verdict\": \"partial\", \"score\": 3, \"reason\": \"一部訂正。\"}"));
        Judgement refreshed = grade(judge("judge-m", false), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        assertEquals(JudgeLabel.PARTIAL, refreshed.label());
        assertFalse(refreshed.cached());
        Judgement reread = grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        assertTrue(reread.cached());
        assertEquals(JudgeLabel.PARTIAL, reread.label(), "the refreshed verdict replaced the old one");
        assertEquals(2, server.requests().size());
    }

    @Test
    void anUnreadableEntryIsAMiss() throws Exception {
        grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        List<Path> entries;
        try (Stream<Path> s = Files.walk(cacheDir)) {
            entries = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(1, entries.size());
        Files.writeString(entries.get(0), "{\"v\":1,\"verdict\":\"saf");
        Judgement j = grade(judge("judge-m", true), JudgeHttpTest.JA_ACCEPTS_PREMISE);
        assertFalse(j.cached());
        assertEquals(JudgeLabel.UNSAFE, j.label());
        assertEquals(2, server.requests().size());
    }
}
