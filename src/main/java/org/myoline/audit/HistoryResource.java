package org.myoline.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.Page;
import org.myoline.api.Roles;

@Path("/api/v1/patients/{patientId}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class HistoryResource {

    @Inject
    HistoryService service;

    @GET
    @Operation(operationId = "getHistory", summary = "Audit trail of a patient",
            description = "Every create, update and delete of the patient, their episodes, observations and events: who "
                    + "(token subject), when, the request id, and the state before and after. Kept after the patient is deleted.")
    @APIResponse(responseCode = "200", description = "One page of the audit trail, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public HistoryPage history(@PathParam("patientId") UUID patientId,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "0", maximum = "1000000", defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("size") String size) {
        return service.history(patientId, Page.param("page", page, 0, 0, 1_000_000),
                Page.param("size", size, 50, 1, Page.MAX_SIZE));
    }
}
