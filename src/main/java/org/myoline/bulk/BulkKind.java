package org.myoline.bulk;

/** What a bulk job does. */
public enum BulkKind {
    IMPORT,
    EXPORT
}
