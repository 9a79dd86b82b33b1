package org.myoline.engine.model;

/**
 * Dated measurements the engine uses: body size for weight-based doses, the IMACS core set measures from which
 * the service scores response (docs/clinical-evidence.md §8), and recorded scores.
 */
public enum ObservationType {
    WEIGHT_KG, HEIGHT_CM, CK_U_PER_L, MMT8, CDASI_ACTIVITY, TIS, PHYSICIAN_GLOBAL,
    PATIENT_GLOBAL, MMT8_80, HAQ, CHAQ, ALDOLASE_U_PER_L, ALT_U_PER_L, AST_U_PER_L, LDH_U_PER_L,
    EXTRAMUSCULAR_GLOBAL, CMAS
}
