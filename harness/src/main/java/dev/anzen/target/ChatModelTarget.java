package dev.anzen.target;

import dev.anzen.suite.Turn;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** A real model behind LangChain4j's {@link ChatModel}; maps provider failures to {@link ErrorKind}s. */
final class ChatModelTarget implements Target {
    private static final java.util.regex.Pattern KEY_LIKE =
            java.util.regex.Pattern.compile("(sk-|Bearer )[A-Za-z0-9._\\-]{6,}");

    private final TargetInfo info;
    private final ChatModel model;
    private final String secret;

    /** @param secret the API key, kept only to scrub it from error messages a server may echo; null for none */
    ChatModelTarget(TargetInfo info, ChatModel model, String secret) {
        this.info = info;
        this.model = model;
        this.secret = secret == null || secret.length() < 4 ? null : secret;
    }

    @Override
    public TargetInfo info() {
        return info;
    }

    @Override
    public Reply chat(List<Turn> messages) throws TargetException {
        return send(messages, false);
    }

    @Override
    public Reply chatJson(List<Turn> messages) throws TargetException {
        return send(messages, true);
    }

    private Reply send(List<Turn> messages, boolean json) throws TargetException {
        List<ChatMessage> lc = new ArrayList<>(messages.size());
        for (Turn t : messages) {
            lc.add(switch (t.role()) {
                case SYSTEM -> SystemMessage.from(t.content());
                case USER -> UserMessage.from(t.content());
                case ASSISTANT -> AiMessage.from(t.content());
            });
        }
        ChatResponse r;
        try {
            ChatRequest.Builder request = ChatRequest.builder().messages(lc);
            if (json) {
                request.responseFormat(ResponseFormat.JSON);
            }
            r = model.chat(request.build());
        } catch (RuntimeException e) {
            TargetException t = classify(e);
            throw t.withMessage(redact(t.getMessage()));
        }
        if (r == null || r.aiMessage() == null) {
            throw new TargetException(ErrorKind.MALFORMED_RESPONSE, "the server's reply held no message");
        }
        FinishReason finish = r.finishReason();
        String text = r.aiMessage().text();
        if (finish == FinishReason.CONTENT_FILTER && (text == null || text.isBlank())) {
            throw new TargetException(ErrorKind.CONTENT_FILTERED, "the provider's content filter blocked the answer");
        }
        TokenUsage u = r.tokenUsage();
        return new Reply(text == null ? "" : text, u == null ? null : u.inputTokenCount(),
                u == null ? null : u.outputTokenCount(), finish == null ? null : finish.name().toLowerCase());
    }

    /** Maps LangChain4j's typed exceptions and the I/O causes under them to one error kind and a short message. */
    static TargetException classify(Throwable e) {
        ErrorKind kind = ErrorKind.UNKNOWN;
        if (e instanceof RateLimitException) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (e instanceof AuthenticationException) {
            kind = ErrorKind.AUTH;
        } else if (e instanceof ModelNotFoundException) {
            kind = ErrorKind.NOT_FOUND;
        } else if (e instanceof ContentFilteredException) {
            kind = ErrorKind.CONTENT_FILTERED;
        } else if (e instanceof InternalServerException) {
            kind = ErrorKind.SERVER_ERROR;
        } else if (e instanceof InvalidRequestException) {
            kind = ErrorKind.BAD_REQUEST;
        } else if (e instanceof dev.langchain4j.exception.TimeoutException) {
            kind = ErrorKind.TIMEOUT;
        } else if (e instanceof HttpException h) {
            int s = h.statusCode();
            kind = s == 429 ? ErrorKind.RATE_LIMITED
                    : s == 401 || s == 403 ? ErrorKind.AUTH
                    : s == 404 ? ErrorKind.NOT_FOUND
                    : s >= 500 ? ErrorKind.SERVER_ERROR
                    : s >= 400 ? ErrorKind.BAD_REQUEST : ErrorKind.UNKNOWN;
        }
        boolean unreachable = false;
        if (kind == ErrorKind.UNKNOWN) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException) {
                    kind = ErrorKind.TIMEOUT;
                    break;
                }
                if (c instanceof ConnectException || c instanceof java.net.UnknownHostException) {
                    kind = ErrorKind.CONNECTION;
                    unreachable = true;
                    break;
                }
                if (c instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                    kind = ErrorKind.MALFORMED_RESPONSE;
                    break;
                }
                if (c instanceof IOException) {
                    kind = ErrorKind.CONNECTION;
                }
            }
        }
        java.time.Duration retryAfter = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof AnzenHttpClient.StatusException s) {
                retryAfter = s.retryAfter().orElse(null);
                break;
            }
        }
        return new TargetException(kind, summarize(e), e, retryAfter, unreachable);
    }

    /** Removes the key and anything that looks like a key from a message that will reach results and logs. */
    String redact(String message) {
        String m = message;
        if (secret != null) {
            m = m.replace(secret, "***");
        }
        return KEY_LIKE.matcher(m).replaceAll("$1***");
    }

    private static String summarize(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            Throwable c = e.getCause();
            m = c == null ? e.getClass().getSimpleName() : c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage());
        }
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
