package org.myoline.bulk;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.myoline.api.Roles;
import org.myoline.fhir.FhirSystemResource;

/** The status URL of an asynchronous bulk job (FHIR Bulk Data Access): poll, cancel, download. */
@Path("/api/v1/fhir/bulk-jobs/{jobId}")
@Tag(name = "FHIR")
@RolesAllowed(Roles.INTEGRATION)
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "500", ref = "ServerError")
public class BulkJobResource {
    /** Seconds a client should wait before polling again. */
    static final int RETRY_AFTER = 2;

    @Inject
    BulkService service;

    @Inject
    BulkFiles files;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getBulkJobStatus", summary = "Poll an asynchronous bulk import or export",
            description = "The Content-Location of a kick-off (POST /api/v1/fhir/$import or GET /api/v1/fhir/$export "
                    + "with Prefer: respond-async). 202 while the job waits or runs, with X-Progress and Retry-After; "
                    + "200 with the manifest when it is done. Only the token subject that started the job sees it "
                    + "(404 for anyone else). Finished jobs are kept for myoline.bulk.retention (a day by default).")
    @APIResponse(responseCode = "202", description = "Waiting or running; poll again after Retry-After seconds",
            headers = {
                    @Header(name = "X-Progress", description = "How far the job is, e.g. \"42% (840 of 2000 patients "
                            + "imported)\"", schema = @Schema(type = SchemaType.STRING, maxLength = 200)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling again",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                                    maximum = "3600"))})
    @APIResponse(responseCode = "200", description = "Done: the manifest of files to download",
            headers = @Header(name = "Expires", description = "When the job and its files are removed",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 40)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BulkManifest.class)))
    public Response status(@PathParam("jobId") @Parameter(description = "The job id from Content-Location") UUID jobId,
            @Context UriInfo uri) {
        BulkService.Status status = service.status(jobId, uri.getBaseUri());
        if (status.manifest().isEmpty()) {
            return Response.accepted().header("X-Progress", status.progress()).header("Retry-After", RETRY_AFTER)
                    .build();
        }
        return Response.ok(status.manifest().get(), MediaType.APPLICATION_JSON).header("Expires", status.expires())
                .build();
    }

    @DELETE
    @Operation(operationId = "cancelBulkJob", summary = "Cancel a bulk job, or remove a finished one",
            description = "The job stops after the patient it is on (patients already written stay written: each "
                    + "was its own transaction), and its staged input and files are removed. Polling it afterwards "
                    + "answers 404.")
    @APIResponse(responseCode = "202", description = "Cancelled and removed")
    public Response cancel(@PathParam("jobId") @Parameter(description = "The job id from Content-Location") UUID jobId) {
        service.cancel(jobId);
        return Response.accepted().build();
    }

    @GET
    @Path("/files/{file}")
    @Produces(FhirSystemResource.FHIR_NDJSON)
    @Operation(operationId = "getBulkJobFile", summary = "Download a file of a finished bulk job",
            description = "A URL from the manifest: an export's output file for one resource type "
                    + "({type}.ndjson), or an import's error file (errors.ndjson: one OperationOutcome per rejected "
                    + "line, naming the line and the reason). Streamed; the same bearer token as the kick-off.")
    @APIResponse(responseCode = "200", description = "NDJSON, one FHIR R4 resource per line",
            content = @Content(mediaType = FhirSystemResource.FHIR_NDJSON, schema = @Schema(type = SchemaType.STRING,
                    maxLength = 2_000_000_000, description = "One FHIR R4 resource (JSON) per line")))
    public Response file(@PathParam("jobId") @Parameter(description = "The job id from Content-Location") UUID jobId,
            @PathParam("file") @Parameter(description = "File name from the manifest",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 80, pattern = "^[A-Za-z]+\\.ndjson$",
                            example = "Patient.ndjson")) String file) {
        BulkJobs.Job job = service.file(jobId, file);
        return Response.ok(files.stream(job, file), FhirSystemResource.FHIR_NDJSON).build();
    }
}
