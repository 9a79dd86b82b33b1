package org.myoline.engine.model;

/** Dated disease events. A relapse after a response is a flare, not refractoriness (docs/clinical-evidence.md §5). */
public enum EventType { FLARE, RELAPSE, REMISSION }
