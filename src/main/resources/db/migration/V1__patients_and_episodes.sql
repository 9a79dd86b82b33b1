-- Patients and their treatment episodes. Portable SQL: the same file runs on H2 and PostgreSQL.

CREATE TABLE patient (
    id             UUID         NOT NULL,
    mrn            VARCHAR(64)  NOT NULL,
    birth_date     DATE         NOT NULL,
    sex            VARCHAR(16)  NOT NULL,
    subtype        VARCHAR(32)  NOT NULL,
    diagnosis_date DATE,
    weight_kg      NUMERIC(6, 2),
    height_cm      NUMERIC(6, 2),
    version        BIGINT       NOT NULL,
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_patient PRIMARY KEY (id),
    CONSTRAINT uk_patient_mrn UNIQUE (mrn)
);

CREATE TABLE patient_feature (
    patient_id UUID        NOT NULL,
    feature    VARCHAR(32) NOT NULL,
    CONSTRAINT pk_patient_feature PRIMARY KEY (patient_id, feature),
    CONSTRAINT fk_patient_feature_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);

CREATE TABLE treatment_episode (
    id          UUID          NOT NULL,
    patient_id  UUID          NOT NULL,
    drug        VARCHAR(64)   NOT NULL,
    route       VARCHAR(16)   NOT NULL,
    dose_value  NUMERIC(12, 4) NOT NULL,
    dose_unit   VARCHAR(16)   NOT NULL,
    start_date  DATE          NOT NULL,
    end_date    DATE,
    response    VARCHAR(16)   NOT NULL,
    stop_reason VARCHAR(32),
    courses     INTEGER,
    notes       VARCHAR(4000),
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_treatment_episode PRIMARY KEY (id),
    CONSTRAINT fk_episode_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE,
    CONSTRAINT ck_episode_dates CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT ck_episode_dose CHECK (dose_value > 0)
);

-- A patient's history is always read whole and in start order.
CREATE INDEX ix_episode_patient_start ON treatment_episode (patient_id, start_date);
-- Cohort queries select by drug.
CREATE INDEX ix_episode_drug ON treatment_episode (drug);

CREATE TABLE dose_change (
    episode_id  UUID           NOT NULL,
    position    INTEGER        NOT NULL,
    change_date DATE           NOT NULL,
    dose_value  NUMERIC(12, 4) NOT NULL,
    dose_unit   VARCHAR(16)    NOT NULL,
    CONSTRAINT pk_dose_change PRIMARY KEY (episode_id, position),
    CONSTRAINT fk_dose_change_episode FOREIGN KEY (episode_id) REFERENCES treatment_episode (id) ON DELETE CASCADE
);
