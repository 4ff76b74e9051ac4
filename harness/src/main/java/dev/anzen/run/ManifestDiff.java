package dev.anzen.run;

import dev.anzen.result.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What differs between a run's manifest and the run about to resume it: suites, targets, settings. */
final class ManifestDiff {

    /** Settings that change which cases run or how they are scored; concurrency and the like may change. */
    private static final Set<String> SETTINGS = Set.of("langs", "perspectives", "attacks", "seed", "scorer", "shard",
            "judge_policy", "judge_all", "rubrics");

    private ManifestDiff() {
    }

    static List<String> between(Manifest old, Manifest now) {
        List<String> d = new ArrayList<>();
        Map<String, String> oldSuites = new java.util.LinkedHashMap<>();
        old.suites().forEach(s -> oldSuites.put(s.path(), s.sha256()));
        Map<String, String> newSuites = new java.util.LinkedHashMap<>();
        now.suites().forEach(s -> newSuites.put(s.path(), s.sha256()));
        oldSuites.forEach((p, h) -> {
            if (!newSuites.containsKey(p)) {
                d.add("suite " + p + " was in the run and is not now");
            } else if (!newSuites.get(p).equals(h)) {
                d.add("suite " + p + " changed (sha256 " + h.substring(0, 12) + "… → " + newSuites.get(p).substring(0, 12)
                        + "…)");
            }
        });
        newSuites.keySet().stream().filter(p -> !oldSuites.containsKey(p))
                .forEach(p -> d.add("suite " + p + " is new"));
        Map<String, Manifest.TargetEntry> oldTargets = new java.util.LinkedHashMap<>();
        old.targets().forEach(t -> oldTargets.put(t.id(), t));
        Map<String, Manifest.TargetEntry> newTargets = new java.util.LinkedHashMap<>();
        now.targets().forEach(t -> newTargets.put(t.id(), t));
        oldTargets.forEach((id, t) -> {
            Manifest.TargetEntry n = newTargets.get(id);
            if (n == null) {
                d.add("target " + id + " was in the run and is not now");
            } else {
                if (!Objects.equals(t.model(), n.model()) || !Objects.equals(t.provider(), n.provider())) {
                    d.add("target " + id + ": model " + t.provider() + ":" + t.model() + " → " + n.provider() + ":"
                            + n.model());
                }
                if (!Objects.equals(t.baseUrl(), n.baseUrl())) {
                    d.add("target " + id + ": base URL " + t.baseUrl() + " → " + n.baseUrl());
                }
                if (!Objects.equals(String.valueOf(t.parameters()), String.valueOf(n.parameters()))) {
                    d.add("target " + id + ": parameters " + t.parameters() + " → " + n.parameters());
                }
            }
        });
        newTargets.keySet().stream().filter(id -> !oldTargets.containsKey(id))
                .forEach(id -> d.add("target " + id + " is new"));
        List<String> oldJudges = old.judges().stream().map(ManifestDiff::describe).toList();
        List<String> newJudges = now.judges().stream().map(ManifestDiff::describe).toList();
        if (!oldJudges.equals(newJudges)) {
            d.add("judges " + oldJudges + " → " + newJudges);
        }
        for (String k : SETTINGS.stream().sorted().toList()) {
            Object a = old.settings() == null ? null : old.settings().get(k);
            Object b = now.settings().get(k);
            if (!Objects.equals(String.valueOf(a), String.valueOf(b))) {
                d.add("setting " + k + ": " + a + " → " + b);
            }
        }
        return d;
    }

    private static String describe(Manifest.TargetEntry j) {
        return j.id() + " (" + j.provider() + ":" + j.model() + " at " + j.baseUrl() + ", " + j.parameters() + ")";
    }
}
