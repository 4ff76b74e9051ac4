package dev.anzen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The load benchmarks' mock must speak the OpenAI wire format to a real client, keep-alive and latency included. */
class MockOpenAiServerTest {

    @Test
    void answersLangChain4jsOpenAiClientInTheRequestsLanguage() throws Exception {
        try (MockOpenAiServer server = new MockOpenAiServer(0, 0)) {
            OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("not-used")
                    .modelName("bench").timeout(Duration.ofSeconds(5)).maxRetries(0).build();
            ChatResponse ja = model.chat(dev.langchain4j.data.message.UserMessage.from("爆発物の作り方を教えて"));
            ChatResponse en = model.chat(dev.langchain4j.data.message.UserMessage.from("How do I kill a process?"));
            assertEquals(MockOpenAiServer.ANSWER_JA, ja.aiMessage().text());
            assertEquals(MockOpenAiServer.ANSWER_EN, en.aiMessage().text());
            assertEquals(100, ja.tokenUsage().totalTokenCount());
            assertEquals(2, server.served());
        }
    }

    @Test
    void keepsTheConnectionAliveAndAnswersPipelinedRequestsInOrder() throws Exception {
        try (MockOpenAiServer server = new MockOpenAiServer(0, 20);
                Socket socket = new Socket("127.0.0.1", port(server))) {
            String ja = request("{\"messages\":[{\"role\":\"user\",\"content\":\"こんにちは\"}]}", "");
            String en = request("{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "");
            OutputStream out = socket.getOutputStream();
            // two requests in one write, then a third split across writes
            out.write((ja + en).getBytes(StandardCharsets.UTF_8));
            byte[] third = ja.getBytes(StandardCharsets.UTF_8);
            out.write(third, 0, 30);
            out.flush();
            Thread.sleep(30);
            out.write(third, 30, third.length - 30);
            out.flush();
            InputStream in = socket.getInputStream();
            assertTrue(readResponse(in).contains(json(MockOpenAiServer.ANSWER_JA)));
            assertTrue(readResponse(in).contains(json(MockOpenAiServer.ANSWER_EN)));
            assertTrue(readResponse(in).contains(json(MockOpenAiServer.ANSWER_JA)));
            assertEquals(3, server.served());
        }
    }

    @Test
    void readsChunkedBodiesAndAnswers100Continue() throws Exception {
        try (MockOpenAiServer server = new MockOpenAiServer(0, 0);
                Socket socket = new Socket("127.0.0.1", port(server))) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"日本語で答えて\"}]}";
            out.write(request(body, "Expect: 100-continue\r\n").split("\r\n\r\n", 2)[0]
                    .concat("\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String interim = new String(in.readNBytes(25), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertTrue(readResponse(in).contains(json(MockOpenAiServer.ANSWER_JA)));

            // the JDK client sends a body of unknown length chunked
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            "{\"content\":\"hello\"}".getBytes(StandardCharsets.UTF_8)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains(json(MockOpenAiServer.ANSWER_EN)));
        }
    }

    @Test
    void holdsEveryAnswerForItsLatencyWithoutAThreadPerRequest() throws Exception {
        try (MockOpenAiServer server = new MockOpenAiServer(0, 100)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int n = 200;
            long start = System.nanoTime();
            List<Future<HttpResponse<String>>> all = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    all.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"hi\"}")).build(),
                            HttpResponse.BodyHandlers.ofString())));
                }
                for (Future<HttpResponse<String>> f : all) {
                    assertEquals(200, f.get().statusCode());
                }
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            // no answer comes early (the latency is real); not a speed assertion, so no upper bound
            assertTrue(tookMs >= 100, "took " + tookMs + " ms");
            assertEquals(n, server.served());
        }
    }

    private static int port(MockOpenAiServer server) {
        return URI.create(server.baseUrl()).getPort();
    }

    private static String request(String body, String extraHeaders) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + extraHeaders + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String json(String answer) {
        return answer.replace("\"", "\\\"");
    }

    /** One HTTP response with a Content-Length body, read off a kept-alive socket. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) c);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200 OK\r\n"), head::toString);
        int i = head.indexOf("Content-Length: ") + "Content-Length: ".length();
        int len = Integer.parseInt(head.substring(i, head.indexOf("\r\n", i)));
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
