package org.myoline.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Bounds every value the contract can state without a per-field annotation, so that a validating proxy or a
 * generated client knows them: dates, date-times and UUIDs get the maximum length of their format; integers get
 * their format's range where no narrower one is given (none of the API's integers is negative: counts, versions,
 * tiers, days).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SchemaBoundsFilter implements OASFilter {

    private static final Map<String, Integer> FORMAT_LENGTHS = Map.of("date", 10, "date-time", 35, "uuid", 36);

    private Map<String, Schema> components = Map.of();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? Map.of()
                : openAPI.getComponents().getSchemas();
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(s -> bound(s, seen));
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(r -> {
                if (r.getHeaders() != null) {
                    r.getHeaders().values().forEach(h -> bound(h.getSchema(), seen));
                }
            });
        }
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().forEach(p -> p.getOperations().values().forEach(op -> {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(param -> bound(param.getSchema(), seen));
                }
            }));
        }
    }

    private void bound(Schema s, Map<Schema, Boolean> seen) {
        if (s == null || seen.put(s, Boolean.TRUE) != null) {
            return;
        }
        boolean string = s.getType() != null && s.getType().contains(Schema.SchemaType.STRING);
        if (string && s.getMaxLength() == null && s.getEnumeration() == null && s.getFormat() != null
                && FORMAT_LENGTHS.containsKey(s.getFormat())) {
            s.setMaxLength(FORMAT_LENGTHS.get(s.getFormat()));
        }
        // A property that refers to an enumeration, a date or a UUID schema (nullable ones refer through anyOf) is
        // bounded by its target; a bare $ref needs nothing, and a sibling would turn it into an allOf.
        Schema target = s.getMaxLength() != null ? null
                : s.getRef() != null ? (s.getType() != null ? referenced(s) : null) : referenced(refOf(s));
        if (target != null && target.getEnumeration() != null) {
            s.setMaxLength(target.getEnumeration().stream().mapToInt(v -> String.valueOf(v).length()).max().orElse(0));
        } else if (target != null && target.getFormat() != null && FORMAT_LENGTHS.containsKey(target.getFormat())) {
            s.setMaxLength(FORMAT_LENGTHS.get(target.getFormat()));
        } else if (target != null && target.getMaxLength() != null) {
            s.setMaxLength(target.getMaxLength());
        }
        if (s.getType() != null && s.getType().contains(Schema.SchemaType.INTEGER)) {
            if (s.getFormat() == null) {
                s.setFormat("int32");
            }
            if (s.getMinimum() == null) {
                s.setMinimum(BigDecimal.ZERO);
            }
            if (s.getMaximum() == null) {
                s.setMaximum(BigDecimal.valueOf("int64".equals(s.getFormat()) ? Long.MAX_VALUE : Integer.MAX_VALUE));
            }
        }
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(p -> bound(p, seen));
        }
        bound(s.getItems(), seen);
        if (s.getAllOf() != null) {
            s.getAllOf().forEach(a -> bound(a, seen));
        }
        if (s.getAdditionalPropertiesSchema() != null) {
            bound(s.getAdditionalPropertiesSchema(), seen);
        }
    }

    private static Schema refOf(Schema s) {
        if (s.getAllOf() != null && s.getAllOf().size() == 1) {
            return s.getAllOf().get(0);
        }
        if (s.getAnyOf() != null) {
            return s.getAnyOf().stream().filter(a -> a.getRef() != null).findFirst().orElse(null);
        }
        return null;
    }

    private Schema referenced(Schema s) {
        if (s == null || s.getRef() == null) {
            return null;
        }
        return components.get(s.getRef().substring(s.getRef().lastIndexOf('/') + 1));
    }
}
