-- A patient's dated contraindications and preferences (avoid glucocorticoids, avoid cytotoxics, planning a
-- pregnancy, avoid one named drug): the next steps honour those in force on the date asked about.

CREATE TABLE patient_contraindication (
    id          UUID          NOT NULL,
    patient_id  UUID          NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    drug        VARCHAR(64),
    since       DATE          NOT NULL,
    until       DATE,
    reason      VARCHAR(500),
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_patient_contraindication PRIMARY KEY (id),
    CONSTRAINT fk_contraindication_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);
CREATE INDEX ix_contraindication_patient ON patient_contraindication (patient_id, since);
