package org.myoline.engine.model;

/** Clinical features that change the escalation ladder (docs/clinical-evidence.md §7). */
public enum Feature { SKIN, MUSCLE, DYSPHAGIA, ILD, RAPIDLY_PROGRESSIVE_ILD, ANTI_MDA5, CALCINOSIS, MALIGNANCY }
