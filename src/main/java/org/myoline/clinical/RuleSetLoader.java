package org.myoline.clinical;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.rules.AdequateTrial;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;

/** Reads the versioned rules file into the engine's plain {@link RuleSet}; strict, so typos fail start-up. */
public final class RuleSetLoader {

    public static final String DEFAULT_RESOURCE = "engine/rules.json";

    private RuleSetLoader() {
    }

    public static RuleSet loadDefault() {
        return load(DEFAULT_RESOURCE);
    }

    public static RuleSet load(String classpathResource) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("rules file not found on the classpath: " + classpathResource);
            }
            return toRuleSet(mapper.readValue(in, RulesFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("rules file " + classpathResource + " is unreadable", e);
        }
    }

    static RuleSet toRuleSet(RulesFile file) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Rule rule : file.rules()) {
            if (rules.put(rule.id(), rule) != null) {
                throw new IllegalArgumentException("duplicate rule " + rule.id());
            }
        }
        Map<String, AdequateTrial> trials = new LinkedHashMap<>();
        for (TrialEntry t : file.adequateTrials()) {
            trials.put(t.drug(), new AdequateTrial(t.drug(), t.minDose(), unit(t.unit()), t.juvenileMinDose(),
                    unit(t.juvenileUnit()), t.minDays(), t.minCourses(), t.source(), t.evidence()));
        }
        return new RuleSet(file.version(), rules, trials, file.immunosuppressantClasses());
    }

    private static DoseUnit unit(String ucum) {
        return ucum == null ? null : DoseUnit.fromUcum(ucum)
                .orElseThrow(() -> new IllegalArgumentException("unknown unit in rules file: " + ucum));
    }

    /** The file as written: rules in document order, so generated documentation keeps that order. */
    public record RulesFile(String version, String description, Set<String> immunosuppressantClasses, List<Rule> rules,
            List<TrialEntry> adequateTrials) {
    }

    public record TrialEntry(String drug, Double minDose, String unit, Double juvenileMinDose, String juvenileUnit,
            int minDays, Integer minCourses, String source, String evidence) {
    }

    /** The raw file, for tools that document it. */
    public static RulesFile readFile(String classpathResource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(classpathResource)) {
            return new ObjectMapper().readValue(in, RulesFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
