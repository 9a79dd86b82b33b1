-- FHIR import: which source resource (type + business identifier) became which Myoline record. Importing the
-- same resource again finds its row: unchanged content (same hash) writes nothing, changed content updates the
-- record it created. Several administrations can feed one episode; facts keeps what each contributed so the
-- episode can be rebuilt when only some of them are sent again.
CREATE TABLE fhir_source (
    resource_type VARCHAR(40)   NOT NULL,
    id_system     VARCHAR(255)  NOT NULL,
    id_value      VARCHAR(255)  NOT NULL,
    patient_id    UUID          NOT NULL,
    target_type   VARCHAR(16)   NOT NULL,
    target_id     UUID          NOT NULL,
    content_hash  VARCHAR(64)   NOT NULL,
    facts         VARCHAR(8000) NOT NULL,
    imported_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_fhir_source PRIMARY KEY (resource_type, id_system, id_value),
    CONSTRAINT fk_fhir_source_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE
);
CREATE INDEX ix_fhir_source_target ON fhir_source (target_id);
