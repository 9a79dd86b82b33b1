-- Dated observations (body size for weight-based doses, activity scores) and disease events (flares, relapses).

CREATE TABLE observation (
    id          UUID           NOT NULL,
    patient_id  UUID           NOT NULL,
    obs_date    DATE           NOT NULL,
    type        VARCHAR(32)    NOT NULL,
    obs_value   NUMERIC(12, 3) NOT NULL,
    version     BIGINT         NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_observation PRIMARY KEY (id),
    CONSTRAINT fk_observation_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);
CREATE INDEX ix_observation_patient_date ON observation (patient_id, obs_date);

CREATE TABLE disease_event (
    id          UUID        NOT NULL,
    patient_id  UUID        NOT NULL,
    event_date  DATE        NOT NULL,
    type        VARCHAR(16) NOT NULL,
    domain      VARCHAR(16) NOT NULL,
    episode_id  UUID,
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_disease_event PRIMARY KEY (id),
    CONSTRAINT fk_event_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE,
    CONSTRAINT fk_event_episode FOREIGN KEY (episode_id) REFERENCES treatment_episode (id) ON DELETE SET NULL
);
CREATE INDEX ix_event_patient_date ON disease_event (patient_id, event_date);
