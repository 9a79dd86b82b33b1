package org.myoline.engine.rules;

/** The rule ids of the rules file, in one place so code and file cannot drift apart silently. */
public final class RuleIds {
    public static final String JUVENILE_ONSET = "JUVENILE-ONSET";
    public static final String LOT_REGIMEN_WINDOW = "LOT-REGIMEN-WINDOW";
    public static final String LOT_DISCONTINUATION_GAP = "LOT-DISCONTINUATION-GAP";
    public static final String LOT_RETREATMENT = "LOT-RETREATMENT";
    public static final String GC_PULSE = "GC-PULSE";
    public static final String GC_RESISTANT = "GC-RESISTANT";
    public static final String GC_DEPENDENT = "GC-DEPENDENT";
    public static final String GC_INTOLERANT = "GC-INTOLERANT";
    public static final String GC_MYOPATHY_RISK = "GC-MYOPATHY-RISK";
    public static final String TIS_RESPONSE = "TIS-RESPONSE";
    public static final String IS_FAILURE = "IS-FAILURE";
    public static final String IS_ADEQUATE_TRIAL = "IS-ADEQUATE-TRIAL";
    public static final String REFRACTORY_RIM = "REFRACTORY-RIM";
    public static final String MULTI_REFRACTORY = "MULTI-REFRACTORY";
    public static final String REFRACTORY_STRICT = "REFRACTORY-STRICT";
    public static final String REFRACTORY_SKIN = "REFRACTORY-SKIN";
    public static final String TIER_CURRENT = "TIER-CURRENT";
    public static final String NEXT_STEP_LADDER = "NEXT-STEP-LADDER";
    public static final String MOD_DYSPHAGIA = "MOD-DYSPHAGIA";
    public static final String MOD_MDA5_RPILD = "MOD-MDA5-RPILD";
    public static final String MOD_JUVENILE = "MOD-JUVENILE";
    public static final String MOD_CALCINOSIS = "MOD-CALCINOSIS";
    public static final String MOD_MALIGNANCY = "MOD-MALIGNANCY";
    public static final String MOD_ILD = "MOD-ILD";
    public static final String CAUTION_TNF = "CAUTION-TNF";
    public static final String WITHDRAWN = "WITHDRAWN";

    private RuleIds() {
    }
}
