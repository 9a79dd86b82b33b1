-- PostgreSQL (H2 has its own V13 in db/h2). Dose changes carry their episode's patient, so the history read
-- (clinical/HistoryReader) finds them by patient, as it finds every other part of a history, instead of one
-- index descent per episode (bench/README.md, "Dose changes read by patient"). An episode never changes
-- patient, so the copy cannot drift; it goes with its episode (fk_dose_change_episode, ON DELETE CASCADE).
--
-- During a rolling update, replicas of the previous version keep writing dose changes without the patient.
-- The trigger fills it in from the episode, so their writes neither fail on NOT NULL nor go unseen by the new
-- read. It is created in this migration's transaction, before the backfill and the NOT NULL, so there is no
-- moment when a write can miss it (ADD COLUMN holds the table's lock until the commit). The service itself
-- always sets the patient, so the trigger's WHEN clause keeps its function from running for the service's rows.
ALTER TABLE dose_change ADD COLUMN patient_id UUID;

CREATE FUNCTION dose_change_patient() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.patient_id := (SELECT e.patient_id FROM treatment_episode e WHERE e.id = NEW.episode_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER dose_change_patient BEFORE INSERT OR UPDATE ON dose_change
    FOR EACH ROW WHEN (NEW.patient_id IS NULL) EXECUTE FUNCTION dose_change_patient();

UPDATE dose_change d SET patient_id = e.patient_id FROM treatment_episode e WHERE e.id = d.episode_id;

ALTER TABLE dose_change ALTER COLUMN patient_id SET NOT NULL;

CREATE INDEX ix_dose_change_patient ON dose_change (patient_id);

-- Every row was just rewritten: fresh statistics for the planner now rather than at autovacuum's next pass.
ANALYZE dose_change;
