package org.myoline.engine.model;

/** Organ domain of a disease event; skin and muscle activity can diverge (domain.md §6.10). */
public enum DiseaseDomain { MUSCLE, SKIN, LUNG, GI, GLOBAL }
