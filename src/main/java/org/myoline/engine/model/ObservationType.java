package org.myoline.engine.model;

/** Dated measurements the engine uses: body size for weight-based doses, activity scores for response. */
public enum ObservationType { WEIGHT_KG, HEIGHT_CM, CK_U_PER_L, MMT8, CDASI_ACTIVITY, TIS, PHYSICIAN_GLOBAL }
