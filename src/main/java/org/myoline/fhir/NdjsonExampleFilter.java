package org.myoline.fhir;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;

/**
 * An annotation's example value is read as JSON when it parses as JSON, which keeps only the first line of an
 * NDJSON example; this sets the example of the NDJSON import as the text it is.
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
    }
}
