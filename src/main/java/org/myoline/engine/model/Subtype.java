package org.myoline.engine.model;

/** Disease subset (domain.md §0). JUVENILE = onset before 18; thresholds differ for it. */
public enum Subtype { CLASSIC, AMYOPATHIC, HYPOMYOPATHIC, JUVENILE }
