package org.myoline.engine.glucocorticoid;

/**
 * Prednisone-equivalent mg/d thresholds for one patient on one date: {@code resistantAtOrAbove} is the high dose of
 * the resistance rule (GC-RESISTANT), {@code dependentAtOrBelow} the taper target of the dependence rule
 * (GC-DEPENDENT), null when a juvenile threshold needs a weight that is not known.
 */
public record GlucocorticoidThresholds(double resistantAtOrAbove, Double dependentAtOrBelow) {
}
