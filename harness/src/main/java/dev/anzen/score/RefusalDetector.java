package dev.anzen.score;

/** Decides whether an answer refuses, complies or partly complies. Implementations are thread-safe. */
@FunctionalInterface
public interface RefusalDetector {
    Detection detect(String answer);

    /**
     * Decides with the request in view: an answer that only lectures about a request for something it never delivers
     * is a refusal, which the answer alone cannot show. Detectors that do not use the prompt ignore it.
     */
    default Detection detect(String prompt, String answer) {
        return detect(answer);
    }
}
