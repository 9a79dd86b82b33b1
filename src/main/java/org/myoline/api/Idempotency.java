package org.myoline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.myoline.config.MyolineConfig;
import org.myoline.common.Timestamps;

/**
 * Makes POST creations safe to retry. A request carrying an Idempotency-Key is executed once per caller
 * and key: the response is stored in the same transaction as the resource it created, and a retry with
 * the same body gets that response again. The same key with a different body is 422; a retry racing the
 * first attempt loses on the primary key and gets a 409 it may retry.
 */
@ApplicationScoped
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** The header's documentation, one text for every create operation in the contract. */
    public static final String KEY_DESCRIPTION = "Makes the creation safe to retry: send a fresh UUID for each logical "
            + "request (never a fixed value), and the same one again only when retrying it. A retry with the same key "
            + "and body returns the original response (with the header Idempotent-Replayed: true) instead of creating "
            + "a duplicate; the same key with another body is 422. A key is 1 to 200 printable ASCII characters without "
            + "spaces (else 400). Keys are kept 24 hours per caller, across "
            + "endpoints.";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    @Inject
    ObjectMapper json;

    @Inject
    RequestContext request;

    @Inject
    MyolineConfig config;

    private final AtomicLong lastPurge = new AtomicLong();

    @Transactional
    public Response create(String key, Object body, String path, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid(HEADER, "must be 1 to 200 visible ASCII characters, e.g. a UUID");
        }
        purgeExpired();
        String hash = hash(body);
        IdempotencyRecord.Key id = new IdempotencyRecord.Key(request.actor(), key);
        IdempotencyRecord stored = IdempotencyRecord.findById(id);
        if (stored != null) {
            if (!stored.requestHash.equals(hash) || !stored.path.equals(path)) {
                throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was already used for a different request; use a new key");
            }
            return replay(stored);
        }
        Response response = action.get();
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = id;
        record.path = path;
        record.requestHash = hash;
        record.status = response.getStatus();
        record.location = response.getLocation() == null ? null : response.getLocation().toString();
        record.etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
        record.body = write(response.getEntity());
        record.createdAt = Timestamps.now();
        record.persistAndFlush();
        return response;
    }

    private Response replay(IdempotencyRecord stored) {
        Response.ResponseBuilder replay = Response.status(stored.status).type(MediaType.APPLICATION_JSON)
                .entity(stored.body).header(REPLAYED, "true");
        if (stored.location != null) {
            replay.location(URI.create(stored.location));
        }
        if (stored.etag != null) {
            replay.tag(new EntityTag(stored.etag));
        }
        return replay.build();
    }

    /** Keys are kept for the configured retention (myoline.idempotency.retention); expired ones are removed at most once a minute. */
    private void purgeExpired() {
        long now = System.currentTimeMillis();
        long last = lastPurge.get();
        if (now - last > 60_000 && lastPurge.compareAndSet(last, now)) {
            IdempotencyRecord.delete("createdAt < ?1", Instant.now().minus(config.idempotency().retention()));
        }
    }

    private String hash(Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(write(body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise for the idempotency record", e);
        }
    }
}
