package org.myoline.engine.model;

/**
 * A patient-level reason to avoid a group of drugs, for a time: avoid glucocorticoids (diabetes, osteoporosis,
 * psychosis, a steroid-free protocol), avoid cytotoxics, planning a pregnancy (avoid teratogens), or avoid one
 * named drug (a prior severe reaction, the patient's refusal). What each class-level kind avoids is rule data
 * (CONTRAINDICATIONS); {@link #AVOID_DRUG} names its drug itself.
 */
public enum ContraindicationKind { AVOID_GLUCOCORTICOIDS, AVOID_CYTOTOXICS, PREGNANCY_PLANNING, AVOID_DRUG }
