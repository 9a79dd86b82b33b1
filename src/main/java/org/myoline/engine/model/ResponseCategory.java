package org.myoline.engine.model;

/** Investigator-judged response to an episode, as retrospective series report it (docs/clinical-evidence.md §8.3). */
public enum ResponseCategory { MAJOR, PARTIAL, NONE, NOT_ASSESSED }
