package org.myoline.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * A merge-patch body has the fields of its full request body, none required and each nullable (null clears it):
 * for every operation consuming {@value MergePatch#MEDIA_TYPE} with a reference to an "XInput" schema, this writes
 * "XPatch" as that copy and points the body at it, so the two never drift apart.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class MergePatchSchemasFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : path.getOperations().values()) {
                if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
                    continue;
                }
                MediaType media = op.getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE);
                if (media == null || media.getSchema() == null || media.getSchema().getRef() == null) {
                    continue;
                }
                String input = media.getSchema().getRef().substring(media.getSchema().getRef().lastIndexOf('/') + 1);
                Schema full = schemas.get(input);
                if (full == null || !input.endsWith("Input")) {
                    continue;
                }
                String name = input.substring(0, input.length() - "Input".length()) + "Patch";
                if (!schemas.containsKey(name)) {
                    Schema patch = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                            .description("The fields of " + input + " to change (JSON Merge Patch, RFC 7396): none is "
                                    + "required; null clears an optional one (a required one cannot be cleared)")
                            .additionalPropertiesBoolean(Boolean.FALSE);
                    java.util.List<String> required = full.getRequired() == null ? java.util.List.of() : full.getRequired();
                    full.getProperties().forEach((property, schema) ->
                            patch.addProperty(property, required.contains(property) ? copy(schema) : nullable(schema)));
                    openAPI.getComponents().addSchema(name, patch);
                }
                media.setSchema(OASFactory.createSchema().ref(name));
            }
        }
    }

    /** A copy of the property's schema that can be changed without touching the original. */
    private static Schema copy(Schema s) {
        Schema c = OASFactory.createSchema();
        c.setAll(new java.util.LinkedHashMap<>(s.getAll()));
        if (s.getType() != null) {
            c.setType(new java.util.ArrayList<>(s.getType()));
        }
        return c;
    }

    /** The property's schema, also allowing null (null clears an optional field). */
    private static Schema nullable(Schema s) {
        Schema c = copy(s);
        if (c.getRef() != null) {
            String ref = c.getRef();
            c.setRef(null);
            c.setAllOf(java.util.List.of(OASFactory.createSchema().ref(ref)));
            c.addType(Schema.SchemaType.OBJECT);
        }
        if (c.getType() != null && !c.getType().contains(Schema.SchemaType.NULL)) {
            c.addType(Schema.SchemaType.NULL);
        }
        return c;
    }
}
