package org.myoline.patient;

/** Administrative sex; lower-case constants because the contract spells the values in lower case. */
public enum Sex { female, male, other, unknown }
