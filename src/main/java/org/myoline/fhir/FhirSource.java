package org.myoline.fhir;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One imported FHIR resource, found again by its type and business identifier: the Myoline record it became,
 * a hash of its content (unchanged content writes nothing) and the facts it contributed, as JSON.
 */
@Entity
@Table(name = "fhir_source")
public class FhirSource extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type", nullable = false, length = 16)
    public TargetType targetType;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(nullable = false, length = 8000)
    public String facts;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    public enum TargetType { PATIENT, EPISODE, OBSERVATION, EVENT, ASSESSMENT, FEATURE, CONTRAINDICATION }

    /** Resource type plus identifier system and value, as the source system sent them. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "resource_type", length = 40)
        public String resourceType;

        @Column(name = "id_system", length = 255)
        public String system;

        @Column(name = "id_value", length = 255)
        public String value;

        protected Key() {
        }

        public Key(String resourceType, String system, String value) {
            this.resourceType = resourceType;
            this.system = system;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && resourceType.equals(k.resourceType) && system.equals(k.system)
                    && value.equals(k.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(resourceType, system, value);
        }

        @Override
        public String toString() {
            return resourceType + "?identifier=" + system + "|" + value;
        }
    }
}
