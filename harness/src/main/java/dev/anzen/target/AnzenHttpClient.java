package dev.anzen.target;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client under LangChain4j's provider clients: Apache HttpClient 5 (classic, blocking I/O) over HTTP/1.1 with
 * a pool of reused connections. Each case runs on its own virtual thread, so a blocking read parks the virtual thread
 * and costs no platform thread; measured against the JDK's {@code java.net.http.HttpClient}, which hands every
 * exchange to a selector thread and back, it takes less CPU per request (benchmarks/README.md). Unlike LangChain4j's
 * default it keeps the {@code Retry-After} header of a failed response (as {@link StatusException}) so Anzen's retry
 * policy can honour it. It follows no redirects, keeps no cookies, reads no proxy settings and retries nothing itself:
 * retries are the run's {@code RetryPolicy}'s. The read timeout is the longest wait for the server's next byte, which
 * for a non-streamed answer is the wait for the whole answer.
 */
final class AnzenHttpClient implements HttpClient {

    /** A non-2xx response, with the server's {@code Retry-After} if it sent one. */
    static final class StatusException extends HttpException {
        private final transient Duration retryAfter;

        StatusException(int status, String body, Duration retryAfter) {
            super(status, body);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Enough connections that the pool never queues a run's requests: concurrency is limited by the runner. */
    private static final int MAX_CONNECTIONS = 4096;

    private record Reply(int status, Map<String, List<String>> headers, String body, String retryAfter) {
    }

    private final CloseableHttpClient client;

    AnzenHttpClient(Duration connectTimeout, Duration readTimeout) {
        ConnectionConfig.Builder connection = ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout));
        RequestConfig.Builder request = RequestConfig.custom();
        if (readTimeout != null) {
            connection.setSocketTimeout(Timeout.of(readTimeout));
            request.setResponseTimeout(Timeout.of(readTimeout));
        }
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(connection.build())
                        .setTlsSocketStrategy(new LazyTls())
                        .build())
                .setDefaultRequestConfig(request.build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * Apache's default TLS strategy ({@code DefaultClientTlsStrategy.createDefault()}: the JDK's default trust store,
     * hostname verification against the public-suffix list), made when the first {@code https} connection is opened.
     * Made up front, as the pool builder does by default, it loads the SSL context and parses the public-suffix list
     * at every start, about a tenth of a second of CPU, for runs against a local {@code http} server that never use
     * it.
     */
    static final class LazyTls implements TlsSocketStrategy {
        private volatile TlsSocketStrategy delegate;

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            return delegate().upgrade(socket, target, port, attachment, context);
        }

        private TlsSocketStrategy delegate() {
            TlsSocketStrategy d = delegate;
            if (d == null) {
                synchronized (this) {
                    d = delegate;
                    if (d == null) {
                        d = DefaultClientTlsStrategy.createDefault();
                        delegate = d;
                    }
                }
            }
            return d;
        }

        boolean made() {
            return delegate != null;
        }
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpUriRequestBase req = new HttpUriRequestBase(request.method().name(), java.net.URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")
                    && !name.equalsIgnoreCase("transfer-encoding")) {
                values.forEach(v -> req.addHeader(name, v));
            }
        });
        String body = request.body();
        if (body != null) {
            req.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        Reply r;
        try {
            r = client.execute(req, response -> {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (Header h : response.getHeaders()) {
                    headers.computeIfAbsent(h.getName(), k -> new ArrayList<>(1)).add(h.getValue());
                }
                HttpEntity entity = response.getEntity();
                String text = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
                Header retryAfter = response.getFirstHeader("Retry-After"); // header names match in any case
                return new Reply(response.getCode(), headers, text, retryAfter == null ? null : retryAfter.getValue());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (r.status() < 200 || r.status() >= 300) {
            throw new StatusException(r.status(), r.body(), r.retryAfter() == null ? null
                    : parseRetryAfter(r.retryAfter(), Clock.systemUTC()).orElse(null));
        }
        return SuccessfulHttpResponse.builder().statusCode(r.status()).headers(r.headers()).body(r.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("Anzen does not stream answers");
    }

    /** {@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String v = value.strip();
        try {
            long secs = Long.parseLong(v);
            return secs < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(secs));
        } catch (NumberFormatException ignored) {
            // not seconds: try a date
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Builder handed to LangChain4j's provider builders. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration d) {
            if (d != null) {
                this.connectTimeout = d;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        @Override
        public HttpClient build() {
            return new AnzenHttpClient(connectTimeout, readTimeout);
        }
    }
}
