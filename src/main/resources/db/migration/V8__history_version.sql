-- A patient's history version: raised in the same transaction as every audited change to the patient or to
-- anything recorded for them (episodes, observations, events, assessments, features, contraindications). The
-- derived views (timeline, assessment) are tagged with it, so a client holding the current tag can be answered
-- 304 from this one column, without reading the history or running the engine. Portable SQL (H2, PostgreSQL).

ALTER TABLE patient ADD COLUMN history_version BIGINT DEFAULT 0 NOT NULL;
