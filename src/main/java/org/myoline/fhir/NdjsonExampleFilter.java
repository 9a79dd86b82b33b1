package org.myoline.fhir;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * An annotation's example value is read as JSON when it parses as JSON, which keeps only the first line of an
 * NDJSON example; this sets the example of the NDJSON import as the text it is. It also writes the multipart
 * form of the import inline (a "file" array of binary parts): client generators make file parameters of an inline
 * form, while a referenced schema left the Java client importing a model it never generated.
 */
public class NdjsonExampleFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem path = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/api/v1/fhir/$import");
        if (path == null || path.getPOST() == null || path.getPOST().getRequestBody() == null) {
            return;
        }
        MediaType ndjson = path.getPOST().getRequestBody().getContent().getMediaType(FhirSystemResource.FHIR_NDJSON);
        if (ndjson != null && ndjson.getExamples() != null && ndjson.getExamples().containsKey("one patient")) {
            ndjson.getExamples().get("one patient").setValue(FhirSystemResource.NDJSON_EXAMPLE);
            ndjson.getExamples().get("one patient").setDescription(null);
        }
        MediaType multipart = path.getPOST().getRequestBody().getContent().getMediaType("multipart/form-data");
        if (multipart != null) {
            Schema file = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)).format("binary")
                    .maxLength(2_000_000_000).description("One NDJSON file: one FHIR R4 resource per line");
            multipart.setSchema(OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                    .description("Several NDJSON files, each a part named file (Prefer: respond-async only); a "
                            + "patient's lines may be in any of them")
                    .addRequired("file")
                    .addProperty("file", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY)).maxItems(1000)
                            .description("The files").items(file)));
        }
    }
}
