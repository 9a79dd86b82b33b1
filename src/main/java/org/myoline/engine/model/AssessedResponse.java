package org.myoline.engine.model;

/** A dated response judgement at a visit: MAJOR, PARTIAL, NONE (no minimal improvement) or WORSENING. */
public enum AssessedResponse { MAJOR, PARTIAL, NONE, WORSENING }
