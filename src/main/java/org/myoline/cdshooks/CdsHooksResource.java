package org.myoline.cdshooks;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.Roles;

/** CDS Hooks 2.0: discovery and the patient-view service (a card when a chart opens). */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CDS Hooks")
@APIResponse(responseCode = "500", ref = "ServerError")
public class CdsHooksResource {

    @Inject
    CdsHooksService service;

    @GET
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "cdsDiscovery", summary = "CDS Hooks discovery",
            description = "The services this CDS service offers; open, as EHRs read it when registering the service.")
    @APIResponse(responseCode = "200", description = "Services",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CdsHooksDtos.Services.class)))
    public CdsHooksDtos.Services discovery() {
        return service.discovery();
    }

    @POST
    @Path("/" + CdsHooksService.SERVICE_ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.CLINICIAN, Roles.INTEGRATION})
    @Operation(operationId = "cdsPatientView", summary = "patient-view: refractoriness card",
            description = "Finds the patient by the MRN identifier (v2-0203 type MR) of the prefetched Patient and returns one "
                    + "card with the verdict, lines of therapy and next steps; no card for a patient Myoline does not know.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CdsHooksDtos.Request.class),
            examples = @ExampleObject(name = "patientView", value = """
                    {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",\
                    "context":{"userId":"Practitioner/123","patientId":"1288992"},\
                    "prefetch":{"patient":{"resourceType":"Patient","id":"1288992","identifier":[{"type":{"coding":\
                    [{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},\
                    "system":"urn:oid:1.2.36.146.595.217.0.1","value":"MRN-000123"}]}}}""")))
    @APIResponse(responseCode = "200", description = "Cards (empty for an unknown patient)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CdsHooksDtos.Cards.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PrefetchRequired")
    public CdsHooksDtos.Cards patientView(@NotNull @Valid CdsHooksDtos.Request request, @Context UriInfo uri) {
        return service.patientView(request, uri.getBaseUri());
    }
}
