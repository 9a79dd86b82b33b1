package org.myoline.api;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The response a POST with an Idempotency-Key produced, kept to answer its retries. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "principal") String principal, @Column(name = "idem_key") String key)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(name = "request_path")
    public String path;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "response_status")
    public int status;

    @Column(name = "response_location")
    public String location;

    @Column(name = "response_etag")
    public String etag;

    @Column(name = "response_body")
    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
