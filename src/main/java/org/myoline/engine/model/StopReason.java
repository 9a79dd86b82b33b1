package org.myoline.engine.model;

/**
 * Why an episode ended. INEFFICACY and ADVERSE_EVENT count towards refractoriness (RIM, NIH definitions
 * accept intolerance, docs/clinical-evidence.md §4); REMISSION and COURSE_COMPLETED are planned ends.
 */
public enum StopReason { INEFFICACY, ADVERSE_EVENT, REMISSION, COURSE_COMPLETED, PATIENT_CHOICE, OTHER }
