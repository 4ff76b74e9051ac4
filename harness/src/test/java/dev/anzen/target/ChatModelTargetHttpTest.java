package dev.anzen.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anzen.suite.Turn;
import dev.anzen.testing.FakeModelServer;
import dev.anzen.testing.FakeModelServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LangChain4j's real OpenAI and Ollama clients against a local server speaking each wire format. */
class ChatModelTargetHttpTest {

    private FakeModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Target target(String wire, Duration timeout) throws Exception {
        TargetSpec spec = TargetSpec.parse(wire + ":test-model")
                .withBaseUrl(wire.equals("openai") ? server.openAiUrl() : server.ollamaUrl())
                .withParams(new GenerationParams(null, null, 64, timeout, 0));
        return Targets.create(spec, Map.of("OPENAI_API_KEY", "sk-test-secret-123456")::get);
    }

    private static final List<Turn> HELLO = List.of(Turn.system("あなたは親切なアシスタントです。"), Turn.user("こんにちは"));

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void chatJsonAsksForAJsonObjectAndChatDoesNot(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.answer("{\"verdict\":\"safe\"}"));
        Target t = target(wire, Duration.ofSeconds(5));
        assertEquals("{\"verdict\":\"safe\"}", t.chatJson(HELLO).text());
        t.chat(HELLO);
        var json = server.requests().get(0).body();
        var plain = server.requests().get(1).body();
        if (wire.equals("openai")) {
            assertEquals("json_object", json.path("response_format").path("type").asText(), json.toString());
            assertTrue(plain.path("response_format").isMissingNode(), plain.toString());
        } else {
            assertEquals("json", json.path("format").asText(), json.toString());
            assertTrue(plain.path("format").isMissingNode() || plain.path("format").isNull(), plain.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void answersAndReportsTokensAndSendsDefaults(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.answer("はい、こんにちは！ " + r.lastUser()));
        Target t = target(wire, Duration.ofSeconds(5));
        dev.anzen.target.Reply reply = t.chat(HELLO);
        assertEquals("はい、こんにちは！ こんにちは", reply.text());
        assertEquals(11, reply.inputTokens());
        assertEquals(7, reply.outputTokens());
        var body = server.requests().get(0).body();
        assertEquals("test-model", body.path("model").asText());
        assertEquals("system", body.path("messages").get(0).path("role").asText());
        if (wire.equals("openai")) {
            assertEquals(0.0, body.path("temperature").asDouble(-1));
            assertEquals(42, body.path("seed").asInt());
            assertEquals("Bearer sk-test-secret-123456",
                    server.requests().get(0).headers().get("Authorization").get(0));
        } else {
            assertEquals(0.0, body.path("options").path("temperature").asDouble(-1));
            assertEquals(42, body.path("options").path("seed").asInt());
            assertEquals(64, body.path("options").path("num_predict").asInt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void rateLimitIsTyped(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}"));
        TargetException e = assertThrows(TargetException.class, () -> target(wire, Duration.ofSeconds(5)).chat(HELLO));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void serverErrorIsTyped(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.status(500, "{\"error\":\"internal\"}"));
        TargetException e = assertThrows(TargetException.class, () -> target(wire, Duration.ofSeconds(5)).chat(HELLO));
        assertEquals(ErrorKind.SERVER_ERROR, e.kind());
        server.behaviour(r -> Reply.status(503, "overloaded"));
        e = assertThrows(TargetException.class, () -> target(wire, Duration.ofSeconds(5)).chat(HELLO));
        assertEquals(ErrorKind.SERVER_ERROR, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void unknownModelStopsTheTarget(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.status(404, "{\"error\":\"model 'test-model' not found\"}"));
        TargetException e = assertThrows(TargetException.class, () -> target(wire, Duration.ofSeconds(5)).chat(HELLO));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.kind().stopsTarget());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void slowReplyTimesOut(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.answer("too late").delayed(3_000));
        TargetException e = assertThrows(TargetException.class,
                () -> target(wire, Duration.ofMillis(300)).chat(HELLO));
        assertEquals(ErrorKind.TIMEOUT, e.kind(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void malformedJsonIsTyped(String wire) throws Exception {
        server = new FakeModelServer(r -> Reply.raw("{\"choices\": [ {\"message\": {\"content\": \"trunc"));
        TargetException e = assertThrows(TargetException.class, () -> target(wire, Duration.ofSeconds(5)).chat(HELLO));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind(), e.getMessage());
    }

    @Test
    void badKeyIsTypedAndTheKeyNeverReachesTheMessage() throws Exception {
        server = new FakeModelServer(r -> Reply.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-secret-123456\"}}"));
        TargetException e = assertThrows(TargetException.class,
                () -> target("openai", Duration.ofSeconds(5)).chat(HELLO));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("sk-test-secret-123456"), e.getMessage());
    }

    @Test
    void unreachableServerIsAConnectionError() throws Exception {
        server = new FakeModelServer(r -> Reply.answer("x"));
        String url = server.openAiUrl();
        server.close();
        server = null;
        Target t = Targets.create(TargetSpec.parse("openai:m").withBaseUrl(url)
                .withParams(new GenerationParams(null, null, null, Duration.ofSeconds(2), 0)), k -> null);
        TargetException e = assertThrows(TargetException.class, () -> t.chat(HELLO));
        assertEquals(ErrorKind.CONNECTION, e.kind(), e.getMessage());
    }

    @Test
    void missingKeyForOpenAiItselfIsAConfigError() {
        TargetConfigException e = assertThrows(TargetConfigException.class,
                () -> Targets.create(TargetSpec.parse("openai:gpt-4o-mini"), k -> null));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }

    @Test
    void namedKeyVariableMustBeSet() {
        TargetSpec spec = new TargetSpec(null, Provider.OPENAI, "m", "http://localhost:8000/v1", "MY_KEY", null, null);
        TargetConfigException e = assertThrows(TargetConfigException.class, () -> Targets.create(spec, k -> null));
        assertTrue(e.getMessage().contains("MY_KEY"), e.getMessage());
    }

    @Test
    void ollamaHostAcceptsTheFormsOllamaAccepts() {
        assertEquals("http://gpu-box:11434", Targets.ollamaHost("gpu-box"));
        assertEquals("http://10.0.0.5:8080", Targets.ollamaHost("10.0.0.5:8080"));
        assertEquals("https://ollama.example:11434", Targets.ollamaHost("https://ollama.example"));
        assertEquals("http://localhost:11434", Targets.ollamaHost("0.0.0.0"));
    }
}
