-- H2 (one embedded instance; PostgreSQL has its own V13 in db/postgresql, which also serves replicas still
-- running the previous version during a rolling update). Dose changes carry their episode's patient, so the
-- history read (clinical/HistoryReader) finds them by patient, as it finds every other part of a history,
-- instead of one index descent per episode (bench/README.md, "Dose changes read by patient"). An episode never
-- changes patient, so the copy cannot drift; it goes with its episode (fk_dose_change_episode, ON DELETE CASCADE).
ALTER TABLE dose_change ADD COLUMN patient_id UUID;

UPDATE dose_change SET patient_id = (SELECT e.patient_id FROM treatment_episode e WHERE e.id = dose_change.episode_id);

ALTER TABLE dose_change ALTER COLUMN patient_id SET NOT NULL;

CREATE INDEX ix_dose_change_patient ON dose_change (patient_id);
