package org.myoline.engine.model;

/** Clinical features that change the escalation ladder (domain.md §2.4, §2.5 modifiers). */
public enum Feature { SKIN, MUSCLE, DYSPHAGIA, ILD, RAPIDLY_PROGRESSIVE_ILD, ANTI_MDA5, CALCINOSIS, MALIGNANCY }
