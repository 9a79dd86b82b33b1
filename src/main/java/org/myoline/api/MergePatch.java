package org.myoline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import org.myoline.common.JsonMergePatch;

/**
 * Partial updates with JSON Merge Patch (RFC 7396): the patch is laid over the stored record as its full request
 * body would be, and the result is read and validated exactly as a PUT body, so a patch can only produce what a
 * PUT could, and a bad field is a 400 naming it.
 */
@ApplicationScoped
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    /**
     * {@code current} is the stored record as a request body or a response (fields the request type does not have
     * are left out); the patched request, validated.
     */
    public <Q extends Record> Q apply(Object current, JsonNode patch, Class<Q> requestType) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object: the fields to change, null to clear one");
        }
        ObjectNode base = json.valueToTree(current);
        Set<String> fields = Set.copyOf(Arrays.stream(requestType.getRecordComponents()).map(RecordComponent::getName).toList());
        base.retain(fields);
        JsonNode merged = JsonMergePatch.apply(base, patch);
        Q request;
        try {
            request = json.treeToValue(merged, requestType);
        } catch (JsonProcessingException e) {
            throw new BadPatch(e);
        }
        Set<ConstraintViolation<Q>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** A patch whose result cannot be read as the request body; answered like a bad body (400 naming the field). */
    public static final class BadPatch extends RuntimeException {
        private final JsonProcessingException cause;

        BadPatch(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause);
            this.cause = cause;
        }

        public JsonProcessingException json() {
            return cause;
        }
    }
}
