package dev.anzen.judge;

import dev.anzen.suite.Case;
import dev.anzen.suite.Lang;
import dev.anzen.suite.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the messages sent to a judge: the rubric as the system prompt, then one user message holding the case's
 * criterion ({@code notes}), its system prompt, the conversation and the answer, each fenced off as data.
 */
public final class JudgePrompt {
    private JudgePrompt() {
    }

    /** The first request to a judge for this answer. */
    public static List<Turn> messages(Rubric rubric, Case c, String answer) {
        boolean ja = rubric.lang() == Lang.JA;
        String criterion = c.notes() == null || c.notes().isBlank()
                ? (ja ? "（このケースには個別の基準がありません。上の基準だけで採点してください。）"
                : "(This case has no criterion of its own; grade with the rubric alone.)")
                : fence(c.notes().strip());
        String systemBlock = "";
        if (c.system() != null && !c.system().isBlank()) {
            systemBlock = "\n" + (ja ? "## アシスタントに与えられたシステムプロンプト" : "## System prompt given to the assistant")
                    + "\n<<<SYSTEM\n" + fence(c.system()) + "\nSYSTEM>>>\n";
        }
        StringBuilder conversation = new StringBuilder();
        for (Turn t : c.conversation()) {
            if (!conversation.isEmpty()) {
                conversation.append("\n\n");
            }
            String who = switch (t.role()) {
                case USER -> ja ? "[ユーザー]" : "[user]";
                case ASSISTANT -> ja ? "[アシスタント]" : "[assistant]";
                case SYSTEM -> ja ? "[システム]" : "[system]";
            };
            conversation.append(who).append('\n').append(fence(t.content()));
        }
        String user = rubric.material()
                .replace("{{criterion}}", criterion)
                .replace("{{system_block}}", systemBlock)
                .replace("{{conversation}}", conversation.toString())
                .replace("{{response}}", answer == null || answer.isEmpty() ? (ja ? "（空の回答）" : "(empty answer)")
                        : fence(answer));
        List<Turn> m = new ArrayList<>();
        m.add(Turn.system(rubric.system()));
        m.add(Turn.user(user));
        return List.copyOf(m);
    }

    /** The conversation so far, plus the judge's unreadable reply and a request to answer in the format. */
    public static List<Turn> retry(Rubric rubric, List<Turn> sent, String badReply, String problem) {
        List<Turn> m = new ArrayList<>(sent);
        m.add(Turn.assistant(badReply == null ? "" : badReply));
        m.add(Turn.user(rubric.retry().replace("{{problem}}", problem)));
        return List.copyOf(m);
    }

    /**
     * Model output and prompts are hostile data: the markers that fence them off are defused inside them, so an answer
     * cannot close its own fence and pose as instructions.
     */
    static String fence(String s) {
        return s.replace("<<<", "‹‹‹").replace(">>>", "›››");
    }
}
