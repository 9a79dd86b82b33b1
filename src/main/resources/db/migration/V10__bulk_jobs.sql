-- Asynchronous FHIR bulk jobs (docs/bulk-data.md). Everything a job needs lives here, so any replica can take it
-- over: the job row (claimed with FOR UPDATE SKIP LOCKED under a lease, with the cursor of the last committed
-- patient), the staged input lines of an import, the rejected lines, and the output files of an export.
-- Portable SQL (H2, PostgreSQL).
CREATE TABLE bulk_job (
    id              UUID         NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    request_url     VARCHAR(4000) NOT NULL,
    requested_by    VARCHAR(200) NOT NULL,
    client          VARCHAR(200),
    request_id      VARCHAR(100),
    parameters      VARCHAR(60000),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP(6) WITH TIME ZONE,
    leased_by       VARCHAR(100),
    lease_until     TIMESTAMP(6) WITH TIME ZONE,
    attempts        INTEGER      NOT NULL,
    total_units     BIGINT       NOT NULL,
    done_units      BIGINT       NOT NULL,
    cursor_key      VARCHAR(400),
    tallies         VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_bulk_job PRIMARY KEY (id)
);
CREATE INDEX ix_bulk_job_state ON bulk_job (state, created_at);

-- One row per line of an import's input (line numbers count from 1 in each file), with the patient it names: the worker reads the input patient by
-- patient in key order, so a patient's lines may be anywhere in the files.
CREATE TABLE bulk_line (
    job_id       UUID         NOT NULL,
    line_no      BIGINT       NOT NULL,
    file_no      INTEGER      NOT NULL,
    patient_key  VARCHAR(300) NOT NULL,
    resource_type VARCHAR(64) NOT NULL,
    body         TEXT         NOT NULL,
    CONSTRAINT pk_bulk_line PRIMARY KEY (job_id, file_no, line_no),
    CONSTRAINT fk_bulk_line_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
);
CREATE INDEX ix_bulk_line_patient ON bulk_line (job_id, patient_key, file_no, line_no);

-- One OperationOutcome per rejected input line, written in the transaction that moves the job's cursor.
CREATE TABLE bulk_outcome (
    job_id   UUID    NOT NULL,
    file_no  INTEGER NOT NULL,
    line_no  BIGINT  NOT NULL,
    outcome  TEXT    NOT NULL,
    CONSTRAINT pk_bulk_outcome PRIMARY KEY (job_id, file_no, line_no),
    CONSTRAINT fk_bulk_outcome_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
);

-- An export's output: for each resource type, the NDJSON of one batch of patients per row, in order.
CREATE TABLE bulk_output (
    job_id         UUID        NOT NULL,
    resource_type  VARCHAR(64) NOT NULL,
    seq            INTEGER     NOT NULL,
    line_count     INTEGER     NOT NULL,
    data           BYTEA       NOT NULL,
    CONSTRAINT pk_bulk_output PRIMARY KEY (job_id, resource_type, seq),
    CONSTRAINT fk_bulk_output_job FOREIGN KEY (job_id) REFERENCES bulk_job (id) ON DELETE CASCADE
);
