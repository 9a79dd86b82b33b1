-- The number of patients, kept by the service in the same transaction as each create and delete, so the
-- patient listing can report its total without counting the whole table on every page (count(*) over
-- 200,000 patients cost ~13 ms of PostgreSQL CPU per request). One row; portable SQL for H2 and PostgreSQL.

CREATE TABLE patient_tally (
    id       SMALLINT NOT NULL,
    patients BIGINT   NOT NULL,
    CONSTRAINT pk_patient_tally PRIMARY KEY (id),
    CONSTRAINT ck_patient_tally_one_row CHECK (id = 1),
    CONSTRAINT ck_patient_tally_not_negative CHECK (patients >= 0)
);

INSERT INTO patient_tally (id, patients) SELECT 1, COUNT(*) FROM patient;
