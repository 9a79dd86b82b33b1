package org.myoline.catalogue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.myoline.api.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.ApiException;
import org.myoline.api.ProblemDetail;

@Path("/api/v1/drugs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Drugs")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "500", ref = "ServerError")
@RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
public class DrugResource {

    @Inject
    DrugCatalogue catalogue;

    @GET
    @Operation(operationId = "listDrugs", summary = "List the drug catalogue",
            description = "Every agent Myoline knows, with class, escalation tier, ATC and RxNorm codes.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DrugResponse.class, type = SchemaType.ARRAY, maxItems = 500)))
    public List<DrugResponse> list() {
        return catalogue.all().stream().map(DrugResponse::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getDrug", summary = "Get one catalogue drug",
            description = "One agent with its class, tier, role, codes and evidence tags.")
    @APIResponse(responseCode = "200", description = "The drug",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrugResponse.class)))
    @APIResponse(responseCode = "404", description = "No drug with this code",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public DrugResponse get(
            @Parameter(description = "Catalogue code", schema = @Schema(type = SchemaType.STRING, maxLength = 64,
                    pattern = "^[a-z0-9-]{1,64}$", example = "methotrexate"))
            @PathParam("code") String code) {
        return catalogue.find(code).map(DrugResponse::of).orElseThrow(() -> ApiException.notFound("Drug", code));
    }
}
