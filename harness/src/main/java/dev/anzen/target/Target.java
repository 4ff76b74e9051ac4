package dev.anzen.target;

import dev.anzen.suite.Turn;
import java.util.List;

/** Something that answers a conversation: a real model behind LangChain4j, or a built-in reference target. */
public interface Target {

    /** What the target is, for results and the manifest (never a secret). */
    TargetInfo info();

    /**
     * Sends a conversation and returns the answer.
     *
     * @param messages the conversation: an optional system turn first, then user and assistant turns, last a user turn
     * @throws TargetException when the call failed; its kind says why
     */
    Reply chat(List<Turn> messages) throws TargetException;

    /**
     * Like {@link #chat}, but asks for the answer as one JSON object where the provider supports it (OpenAI's
     * {@code response_format: json_object}, Ollama's {@code format: json}); judges use it. The default ignores the
     * request and chats as usual, so the caller must still parse defensively.
     */
    default Reply chatJson(List<Turn> messages) throws TargetException {
        return chat(messages);
    }

    default String id() {
        return info().id();
    }
}
