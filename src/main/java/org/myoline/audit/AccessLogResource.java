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

@Path("/api/v1/patients/{patientId}/access-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed(Roles.AUDITOR)
public class AccessLogResource {

    @Inject
    AccessLogService service;

    @GET
    @Operation(operationId = "getAccessLog", summary = "Who read this patient's data",
            description = "Every request that returned this patient's data, or was refused it: who (token subject and "
                    + "client), when, the operation, the request id and the status. Auditor role only. Kept for "
                    + "myoline.audit.retention.access-log (docs/audit.md). Reading it is itself recorded.")
    @APIResponse(responseCode = "200", description = "One page of the access log, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessLogResponse.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AccessLogResponse accessLog(@PathParam("patientId") UUID patientId,
            @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "0", maximum = "1000000", defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("size") String size) {
        return service.page(patientId, Page.param("page", page, 0, 0, 1_000_000),
                Page.param("size", size, 50, 1, Page.MAX_SIZE));
    }
}
