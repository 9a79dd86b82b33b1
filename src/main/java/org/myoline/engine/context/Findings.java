package org.myoline.engine.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.rules.Rule;

/** The rules evaluated for one patient, in the order they were asked, and the warnings they raised. */
public final class Findings {
    private final List<Assessment.Criterion> criteria = new ArrayList<>();
    private final List<Timeline.Warning> warnings = new ArrayList<>();

    public Findings(List<Timeline.Warning> initialWarnings) {
        warnings.addAll(initialWarnings);
    }

    /** Records one rule's outcome for this patient and returns it. */
    public Assessment.Criterion criterion(Rule rule, boolean met, String detail, List<String> evidence) {
        Assessment.Criterion c = new Assessment.Criterion(rule.id(), met, detail,
                List.copyOf(new LinkedHashSet<>(evidence)), rule.citation());
        criteria.add(c);
        return c;
    }

    /** The outcome without recording it yet (a rule may try several paths before it settles). */
    public static Assessment.Criterion outcome(Rule rule, boolean met, String detail, List<String> evidence) {
        return new Assessment.Criterion(rule.id(), met, detail, List.copyOf(new LinkedHashSet<>(evidence)),
                rule.citation());
    }

    public void record(Assessment.Criterion criterion) {
        criteria.add(criterion);
    }

    public void warn(String code, String message, List<String> episodeIds, String source) {
        warnings.add(new Timeline.Warning(code, message, List.copyOf(episodeIds), source));
    }

    public List<Assessment.Criterion> criteria() {
        return List.copyOf(criteria);
    }

    /** Warnings without repeats (the same code and message raised twice is said once). */
    public List<Timeline.Warning> warnings() {
        Map<String, Timeline.Warning> unique = new LinkedHashMap<>();
        for (Timeline.Warning w : warnings) {
            unique.putIfAbsent(w.code() + "|" + w.message(), w);
        }
        return List.copyOf(unique.values());
    }
}
