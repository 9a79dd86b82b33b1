package org.myoline.bulk;

/** Where a bulk job is: receiving its input, waiting for a replica, being worked on, or done. */
public enum BulkState {
    UPLOADING,
    QUEUED,
    RUNNING,
    COMPLETED
}
