package org.myoline.engine.model;

/**
 * Dated events. FLARE, RELAPSE and REMISSION are disease events: a relapse after a response is a flare, not
 * refractoriness (docs/clinical-evidence.md §5). CANCER_SURGERY, CHEMOTHERAPY and RADIOTHERAPY are context:
 * cancer-directed treatment, shown on the timeline but never a line of therapy (§7.5).
 */
public enum EventType {
    FLARE, RELAPSE, REMISSION, CANCER_SURGERY, CHEMOTHERAPY, RADIOTHERAPY;

    /** Cancer-directed treatment: context on the timeline, not disease activity. */
    public boolean cancerTreatment() {
        return this == CANCER_SURGERY || this == CHEMOTHERAPY || this == RADIOTHERAPY;
    }
}
