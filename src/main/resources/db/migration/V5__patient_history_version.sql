-- A counter per patient, raised in the same transaction as every audited change to the patient's data, so a
-- reader can tell whether a history changed without reading it (the timeline and assessment cache checks it).
ALTER TABLE patient ADD COLUMN history_version BIGINT DEFAULT 0 NOT NULL;
