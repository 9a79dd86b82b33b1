-- The result store of the derived views (docs/derived-views.md): a rendered body (the timeline as JSON, SVG or
-- HTML, the assessment) per patient, view and as-of date, with the patient's history version and the rules it
-- was derived with. A read serves it only while both still hold, so an unchanged history costs one indexed read
-- and no engine run; every replica sees what any replica stored. One row per (patient, view, date): a newer
-- version replaces the older one in place. Housekeeping drops rows of outdated versions, rows past their
-- maximum age, and the oldest rows beyond a size cap. Portable SQL (H2, PostgreSQL).
CREATE TABLE view_result (
    patient_id       UUID         NOT NULL,
    view_key         VARCHAR(100) NOT NULL,
    as_of            DATE         NOT NULL,
    history_version  BIGINT       NOT NULL,
    rules_tag        VARCHAR(32)  NOT NULL,
    body             BYTEA        NOT NULL,
    body_bytes       INTEGER      NOT NULL,
    stored_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_view_result PRIMARY KEY (patient_id, view_key, as_of),
    CONSTRAINT fk_view_result_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);
CREATE INDEX ix_view_result_stored ON view_result (stored_at);
