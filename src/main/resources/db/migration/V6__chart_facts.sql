-- What charts hold beyond the first model: dated response assessments per episode, dated features, dated
-- subtype conversions, the upper limit of normal of a laboratory value, and an episode's intended schedule.

CREATE TABLE episode_assessment (
    id          UUID          NOT NULL,
    patient_id  UUID          NOT NULL,
    episode_id  UUID          NOT NULL,
    assessed_on DATE          NOT NULL,
    category    VARCHAR(16)   NOT NULL,
    instrument  VARCHAR(16)   NOT NULL,
    score       NUMERIC(8, 2),
    note        VARCHAR(2000),
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_episode_assessment PRIMARY KEY (id),
    CONSTRAINT fk_assessment_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE,
    CONSTRAINT fk_assessment_episode FOREIGN KEY (episode_id) REFERENCES treatment_episode (id) ON DELETE CASCADE
);
CREATE INDEX ix_assessment_patient_date ON episode_assessment (patient_id, assessed_on);
CREATE INDEX ix_assessment_episode ON episode_assessment (episode_id);

CREATE TABLE feature_span (
    id          UUID        NOT NULL,
    patient_id  UUID        NOT NULL,
    feature     VARCHAR(32) NOT NULL,
    onset       DATE        NOT NULL,
    resolved    DATE,
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_feature_span PRIMARY KEY (id),
    CONSTRAINT fk_feature_span_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);
CREATE INDEX ix_feature_span_patient ON feature_span (patient_id, onset);

CREATE TABLE subtype_change (
    patient_id   UUID        NOT NULL,
    position     INTEGER     NOT NULL,
    changed_on   DATE        NOT NULL,
    from_subtype VARCHAR(32) NOT NULL,
    to_subtype   VARCHAR(32) NOT NULL,
    CONSTRAINT pk_subtype_change PRIMARY KEY (patient_id, position),
    CONSTRAINT fk_subtype_change_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);

ALTER TABLE observation ADD COLUMN upper_limit NUMERIC(12, 3);

ALTER TABLE treatment_episode ADD COLUMN schedule_interval_value INTEGER;
ALTER TABLE treatment_episode ADD COLUMN schedule_interval_unit VARCHAR(4);
ALTER TABLE treatment_episode ADD COLUMN schedule_count INTEGER;
ALTER TABLE treatment_episode ADD COLUMN schedule_days_per_course INTEGER;
ALTER TABLE treatment_episode ADD COLUMN schedule_times_per_week INTEGER;
