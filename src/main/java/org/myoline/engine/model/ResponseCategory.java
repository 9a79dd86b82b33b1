package org.myoline.engine.model;

/** Investigator-judged response to an episode, as retrospective series report it (domain.md §3.5). */
public enum ResponseCategory { MAJOR, PARTIAL, NONE, NOT_ASSESSED }
