package org.myoline.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.Roles;

@Path("/api/v1/patients/{patientId}/fhir")
@Tag(name = "FHIR")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class FhirResource {
    public static final String FHIR_JSON = "application/fhir+json";

    @Inject
    FhirExportService export;

    @GET
    @Produces(FHIR_JSON)
    @Operation(operationId = "exportPatientFhir", summary = "The patient as a FHIR R4 collection Bundle",
            description = "Patient, the dermatomyositis Condition and its features, one MedicationStatement per "
                    + "episode (based on the CarePlan of each line it belongs to), the stored Observations, one "
                    + "CarePlan per line of therapy with a line-number extension, one refractoriness Observation "
                    + "per definition, evaluated today, one drug Flag per contraindication or preference, and a "
                    + "DocumentReference carrying the timeline picture (SVG, inline). Validates against the base R4 profiles.")
    @APIResponse(responseCode = "200", description = "A FHIR R4 Bundle of type collection",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(ref = "FhirResource")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response export(@PathParam("patientId") UUID patientId) {
        return Response.ok(export.bundle(patientId), FHIR_JSON).build();
    }
}
