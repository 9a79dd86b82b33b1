package org.myoline.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The record a retention purge leaves of itself: which log, up to which instant, how many rows. */
@Entity
@Table(name = "audit_purge")
public class PurgeEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String actor;

    @Column(name = "log_name")
    public String logName;

    public Instant cutoff;

    @Column(name = "rows_removed")
    public long rowsRemoved;
}
