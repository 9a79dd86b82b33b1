-- The import looks up a patient's earlier sources of one resource type (ImportWriter: the medications already
-- imported for a patient) on every episode it writes. Without this index that was a scan of the whole table, so
-- an import slowed down as the table grew (bench/bulk.sh: 74 patients/s at 2,000 patients, 14/s past 12,000).
CREATE INDEX ix_fhir_source_patient ON fhir_source (patient_id, resource_type, target_type);
