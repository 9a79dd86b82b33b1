package org.myoline.engine.model;

/** Organ domain of a disease event; skin and muscle activity can diverge (docs/clinical-evidence.md §1). */
public enum DiseaseDomain { MUSCLE, SKIN, LUNG, GI, GLOBAL }
