package org.myoline.engine.model;

/** Dated disease events. A relapse after a response is a flare, not refractoriness (domain.md §6.8). */
public enum EventType { FLARE, RELAPSE, REMISSION }
