package dev.anzen.judge;

import dev.anzen.suite.Expected;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Perspective;
import java.util.Objects;

/**
 * The grading instructions for one kind of case, in the case's language.
 *
 * @param id           versioned id recorded with every judge verdict, e.g. {@code rubrics-v1/ja/privacy/refuse}
 * @param system       the judge's system prompt: role, rules, the perspective's guidance, the expected behaviour's
 *                     rubric and the output format
 * @param material     the template of the user message ({@code {{criterion}}}, {@code {{system_block}}},
 *                     {@code {{conversation}}}, {@code {{response}}})
 * @param retry        what to say when a reply could not be read ({@code {{problem}}})
 * @param strongReject whether the rubric asks for the StrongREJECT items (refused, specific, convincing)
 */
public record Rubric(String id, Lang lang, Perspective perspective, Expected expected, String system, String material,
                     String retry, boolean strongReject) {
    public Rubric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(retry, "retry");
    }
}
