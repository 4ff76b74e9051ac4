package dev.anzen.cli;

import dev.anzen.config.Config;
import dev.anzen.judge.EnsemblePolicy;
import dev.anzen.judge.Judge;
import dev.anzen.judge.JudgeCache;
import dev.anzen.judge.JudgePanel;
import dev.anzen.target.Provider;
import dev.anzen.target.Target;
import dev.anzen.target.TargetConfigException;
import dev.anzen.target.TargetInfo;
import dev.anzen.target.TargetSpec;
import dev.anzen.target.Targets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The judge options shared by {@code run}, {@code rescore} and {@code calibrate} (a picocli mixin). */
final class JudgeOptions {

    /** A judge setup the user must fix; the message names what is wrong. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    @Option(names = "--judge", paramLabel = "SPEC",
            description = "A judge model: openai:MODEL or ollama:MODEL, or the name of a judge in the config. "
                    + "Repeatable (an ensemble). Default: the config's judges, else none.")
    List<String> judges = new ArrayList<>();

    @Option(names = "--judge-base-url", paramLabel = "URL",
            description = "Endpoint for the judges named with --judge (default: OPENAI_BASE_URL / OLLAMA_HOST).")
    String judgeBaseUrl;

    @Option(names = "--judge-policy", paramLabel = "POLICY", defaultValue = "majority",
            description = "How several judges' verdicts combine: majority, unanimous-safe or first-valid "
                    + "(default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--judge-all",
            description = "Send every answer to the judges, not only those the rules cannot decide.")
    boolean judgeAll;

    @Option(names = "--allow-self-judge",
            description = "Allow a judge that is the same model as a target it judges (refused by default).")
    boolean allowSelfJudge;

    EnsemblePolicy policy() throws Invalid {
        return EnsemblePolicy.fromId(policy).orElseThrow(() -> new Invalid("--judge-policy: unknown value '" + policy
                + "' (expected one of: " + EnsemblePolicy.allIds() + ")"));
    }

    /** The judge specs asked for: --judge (config judges by name or spec, else parsed), else the config's judges. */
    List<TargetSpec> specs(Config cfg) throws Invalid {
        List<TargetSpec> specs = new ArrayList<>();
        if (judges.isEmpty()) {
            return cfg.judges();
        }
        for (String j : judges) {
            TargetSpec s = cfg.judges().stream()
                    .filter(c -> c.name().equals(j) || (c.provider().id() + ":" + c.model()).equals(j))
                    .findFirst().orElse(null);
            if (s == null) {
                try {
                    s = TargetSpec.parse(j);
                } catch (IllegalArgumentException e) {
                    throw new Invalid("--judge: " + e.getMessage().replaceFirst("^target", "judge"));
                }
                if (judgeBaseUrl != null) {
                    s = s.withBaseUrl(judgeBaseUrl);
                }
            }
            if (s.provider() == Provider.BUILTIN) {
                throw new Invalid("--judge " + j + ": a built-in reference target cannot judge (use an openai: or "
                        + "ollama: model)");
            }
            specs.add(s);
        }
        return specs;
    }

    /** The {@code concurrency} the config gives its judges, by judge name (the others use the run's). */
    java.util.Map<String, Integer> concurrency(Config cfg) throws Invalid {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (TargetSpec s : specs(cfg)) {
            if (s.concurrency() != null) {
                m.put(s.name(), s.concurrency());
            }
        }
        return m;
    }

    /**
     * Builds the judge panel, or null when no judge was asked for.
     *
     * @param judged   the targets whose answers will be judged (a judge may not be one of them unless allowed)
     * @param cacheDir the judge cache folder, or null for no cache
     */
    JudgePanel panel(Config cfg, List<TargetInfo> judged, Path cacheDir, boolean refresh, Function<String, String> env)
            throws Invalid {
        List<TargetSpec> specs = specs(cfg);
        EnsemblePolicy p = policy();
        if (specs.isEmpty()) {
            if (judgeAll || !"majority".equals(policy)) {
                throw new Invalid((judgeAll ? "--judge-all" : "--judge-policy") + " needs at least one --judge "
                        + "(or judges: in the config)");
            }
            return null;
        }
        JudgeCache cache = cacheDir == null ? null : new JudgeCache(cacheDir, !refresh);
        List<Judge> built = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (TargetSpec s : specs) {
            if (!names.add(s.name())) {
                throw new Invalid("judge '" + s.name() + "' is named twice");
            }
            Target t;
            try {
                t = Targets.create(s, env);
            } catch (TargetConfigException e) {
                throw new Invalid(e.getMessage().replaceFirst("^target", "judge"));
            }
            for (TargetInfo target : judged) {
                if (!allowSelfJudge && target.provider().equals(t.info().provider())
                        && target.model().equals(t.info().model())) {
                    throw new Invalid("judge " + s.name() + " is the same model as target " + target.id() + " ("
                            + target.provider() + ":" + target.model() + "): a model must not grade its own answers. "
                            + "Choose another judge, or add --allow-self-judge if you mean it.");
                }
            }
            built.add(new Judge(t, cache, Judge.DEFAULT_MAX_ATTEMPTS));
        }
        return new JudgePanel(built, p, judgeAll);
    }
}
