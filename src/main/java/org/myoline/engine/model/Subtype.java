package org.myoline.engine.model;

/** Disease subset (docs/clinical-evidence.md §1). JUVENILE = onset before 18; thresholds differ for it. */
public enum Subtype { CLASSIC, AMYOPATHIC, HYPOMYOPATHIC, JUVENILE }
