package org.myoline.engine.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned clinical configuration: every rule and threshold the engine applies. Validated on
 * construction so a rules file missing a rule the engine needs fails at start-up, not on a patient.
 */
public record RuleSet(String version, Map<String, Rule> rules, Map<String, AdequateTrial> adequateTrials,
        Set<String> immunosuppressantClasses) {

    public static final String DEFAULT_TRIAL = "default";

    /** Rule ids the engine reads; each must be present with the listed parameters. */
    static final Map<String, List<String>> REQUIRED = requiredRules();

    public RuleSet {
        rules = Map.copyOf(rules);
        adequateTrials = Map.copyOf(adequateTrials);
        immunosuppressantClasses = Set.copyOf(immunosuppressantClasses);
        for (Map.Entry<String, List<String>> required : REQUIRED.entrySet()) {
            Rule rule = rules.get(required.getKey());
            if (rule == null) {
                throw new IllegalArgumentException("rules file lacks rule " + required.getKey());
            }
            for (String param : required.getValue()) {
                rule.param(param);
            }
            if (rule.source() == null || rule.source().isBlank() || rule.evidence() == null) {
                throw new IllegalArgumentException("rule " + rule.id() + " must name its source and evidence");
            }
        }
        if (!adequateTrials.containsKey(DEFAULT_TRIAL)) {
            throw new IllegalArgumentException("rules file lacks the default adequate trial");
        }
    }

    public Rule rule(String id) {
        Rule rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException("unknown rule " + id);
        }
        return rule;
    }

    public AdequateTrial trialFor(String drug) {
        return adequateTrials.getOrDefault(drug, adequateTrials.get(DEFAULT_TRIAL));
    }

    private static Map<String, List<String>> requiredRules() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(RuleIds.JUVENILE_ONSET, List.of("maxOnsetAgeYears"));
        m.put(RuleIds.LOT_REGIMEN_WINDOW, List.of("regimenWindowDays"));
        m.put(RuleIds.LOT_DISCONTINUATION_GAP, List.of("discontinuationGapDays"));
        m.put(RuleIds.LOT_RETREATMENT, List.of("retreatmentAdvancesLine"));
        m.put(RuleIds.GC_PULSE, List.of("ivMinMgPerDay"));
        m.put(RuleIds.GC_RESISTANT, List.of("adultMinMgPerDay", "adultMinMgPerKgPerDay", "juvenileMinMgPerKgPerDay",
                "juvenileMaxMgPerDay", "minDays"));
        m.put(RuleIds.GC_DEPENDENT, List.of("adultMaxMgPerDay", "juvenileMaxMgPerKgPerDay", "monthsToReach"));
        m.put(RuleIds.GC_INTOLERANT, List.of());
        m.put(RuleIds.GC_MYOPATHY_RISK, List.of("minMgPerDay", "minDays"));
        m.put(RuleIds.TIS_RESPONSE, List.of("adultMinimal", "juvenileMinimal"));
        m.put(RuleIds.IS_FAILURE, List.of());
        m.put(RuleIds.IS_ADEQUATE_TRIAL, List.of("doseTolerancePercent"));
        m.put(RuleIds.REFRACTORY_RIM, List.of("minImmunosuppressantFailures"));
        m.put(RuleIds.MULTI_REFRACTORY, List.of("minImmunosuppressantFailures", "minAdvancedFailures", "advancedMinTier"));
        m.put(RuleIds.REFRACTORY_STRICT, List.of("minImmunosuppressantFailures"));
        m.put(RuleIds.REFRACTORY_SKIN, List.of("minSystemicFailures"));
        m.put(RuleIds.TIER_CURRENT, List.of("glucocorticoidMaxTier"));
        m.put(RuleIds.NEXT_STEP_LADDER, List.of("lookaheadTiers"));
        m.put(RuleIds.MOD_DYSPHAGIA, List.of());
        m.put(RuleIds.MOD_MDA5_RPILD, List.of());
        m.put(RuleIds.MOD_JUVENILE, List.of());
        m.put(RuleIds.MOD_CALCINOSIS, List.of());
        m.put(RuleIds.MOD_MALIGNANCY, List.of());
        m.put(RuleIds.MOD_ILD, List.of());
        m.put(RuleIds.CAUTION_TNF, List.of());
        m.put(RuleIds.WITHDRAWN, List.of());
        return Map.copyOf(m);
    }
}
