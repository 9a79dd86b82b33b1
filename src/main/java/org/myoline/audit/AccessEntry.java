package org.myoline.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A row of the read-access log, read-only to the application (only {@link AccessLog} inserts). */
@Entity
@Immutable
@Table(name = "access_log")
public class AccessEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String actor;

    public String client;

    @Column(name = "patient_id")
    public UUID patientId;

    public String operation;

    @Column(name = "request_id")
    public String requestId;

    public int outcome;
}
