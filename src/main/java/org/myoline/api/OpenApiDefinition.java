package org.myoline.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Document-level OpenAPI: version, tags and the shared error responses that every operation refers to
 * by name, so each status is described once.
 */
@OpenAPIDefinition(
        info = @Info(title = "Myoline API", version = "1.0.0",
                description = "Dermatomyositis treatment histories: patients, treatment episodes, and the lines of "
                        + "therapy, refractoriness and escalation steps derived from them. Errors are RFC 9457 "
                        + "problem details (application/problem+json). Compatibility within a major version: "
                        + "operations, fields and enumeration values are never removed and no new required input "
                        + "appears; responses may gain optional fields and enumeration values, so clients must "
                        + "accept fields and enumeration values they do not know.",
                contact = @Contact(name = "Myoline maintainers"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "Patients", description = "Patients and their disease subset and features"),
                @Tag(name = "Episodes", description = "Ordered treatment episodes of a patient"),
                @Tag(name = "Observations", description = "Dated measurements: weight, height, CK, activity scores"),
                @Tag(name = "Events", description = "Dated flares, relapses and remissions"),
                @Tag(name = "Clinical", description = "Derived views: lines of therapy, refractoriness, next steps"),
                @Tag(name = "CDS Hooks", description = "CDS Hooks 2.0 service: a refractoriness card when a chart opens"),
                @Tag(name = "FHIR", description = "HL7 FHIR R4: import Bundles and NDJSON, export a patient or everyone"),
                @Tag(name = "Cohorts", description = "Outcome tables across patients"),
                @Tag(name = "History", description = "Audit trail of every change to a patient's data"),
                @Tag(name = "Drugs", description = "The drug catalogue"),
                @Tag(name = "Rules", description = "The clinical rules in force, their sources and local overlays")
        },
        components = @Components(
                schemas = @Schema(name = "FhirResource", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                        description = "A FHIR R4 resource or Bundle in JSON; its schema is the FHIR specification's",
                        additionalProperties = Schema.True.class),
                headers = {
                        @Header(name = "ETag", description = "Current version of the resource; send it back in If-Match",
                                schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 24, example = "\"0\"")),
                        @Header(name = "Location", description = "URL of the created resource",
                                schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "uri", maxLength = 2000))
                },
                securitySchemes = @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "A JWT from the hospital identity provider, with the role in the groups claim: "
                                + "clinician (read and write), viewer (read), integration (read, write and bulk), auditor "
                                + "(the access log and AuditEvents). SMART App Launch scopes in the scope claim narrow the "
                                + "roles, or grant them to a token without roles: patient/*.rs, user/*.rs, system/*.rs "
                                + "(or v1 */*.read) read; patient/*.cruds and user/*.cruds (v1 write or *) read and write "
                                + "as a clinician; system/*.cruds is integration. A patient claim (launch context) limits "
                                + "the token to that patient: any other patient answers 403. A token with neither a role "
                                + "nor such a scope may do nothing (403). Verified as RFC8725 (JWT best current practices) "
                                + "asks: the signature with the configured key (RS256), the issuer and the expiry; an "
                                + "unsigned or wrongly typed token is refused (401). docs/security.md has the details."),
                responses = {
                        @APIResponse(name = "BadRequest", description = "Invalid input; `errors` names each offending field",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "validation", value = """
                                                {"type":"urn:myoline:problem:validation","title":"Request validation failed","status":400,\
                                                "detail":"dose.unit: must be one of mg/d, mg/kg/d, mg/wk, mg/kg/wk, mg/m2/wk, g/kg, mg/kg, mg/m2, mg, g",\
                                                "errors":[{"field":"dose.unit","message":"must be one of mg/d, mg/kg/d, mg/wk, mg/kg/wk, mg/m2/wk, g/kg, mg/kg, mg/m2, mg, g"}]}"""))),
                        @APIResponse(name = "NotFound", description = "No resource with this id",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "notFound", value = """
                                                {"type":"urn:myoline:problem:not-found","title":"Resource not found","status":404,\
                                                "detail":"Patient 0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11 does not exist"}"""))),
                        @APIResponse(name = "Conflict", description = "Conflicts with existing data (e.g. a duplicate MRN)",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "duplicateMrn", value = """
                                                {"type":"urn:myoline:problem:conflict","title":"Conflict with the current state of the resource",\
                                                "status":409,"detail":"A patient with MRN MRN-000123 already exists"}"""))),
                        @APIResponse(name = "PreconditionFailed", description = "If-Match names a version that is no longer current",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "stale", value = """
                                                {"type":"urn:myoline:problem:precondition-failed","title":"Precondition failed","status":412,\
                                                "detail":"If-Match does not match the current version \\"3\\"; read the resource again and retry"}"""))),
                        @APIResponse(name = "PreconditionRequired", description = "If-Match is missing: updates and deletes must name the version they are based on",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "noIfMatch", value = """
                                                {"type":"urn:myoline:problem:precondition-required","title":"Precondition required","status":428,\
                                                "detail":"Send If-Match with the ETag you read, so no one else's change is overwritten"}"""))),
                        @APIResponse(name = "IdempotencyKeyReused", description = "The Idempotency-Key was already used for a different request",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "keyReused", value = """
                                                {"type":"urn:myoline:problem:idempotency-key-reused","title":"Idempotency-Key reused with a different request",\
                                                "status":422,"detail":"This Idempotency-Key was already used for a different request; use a new key"}"""))),
                        @APIResponse(name = "PayloadTooLarge", description = "The request body is larger than the configured limit (1 MiB by default)",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "tooLarge", value = """
                                                {"type":"urn:myoline:problem:payload-too-large","title":"Request body too large","status":413,\
                                                "detail":"The request body is larger than the 1048576 bytes the service accepts"}"""))),
                        @APIResponse(name = "NotAcceptable", description = "None of the Accept media types can be produced",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "notAcceptable", value = """
                                                {"type":"urn:myoline:problem:not-acceptable","title":"Not acceptable","status":406,\
                                                "detail":"None of the accepted media types can be produced"}"""))),
                        @APIResponse(name = "UriTooLong", description = "The request target is longer than the service accepts (myoline.http.max-target-length, 8192 characters by default)",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "uriTooLong", value = """
                                                {"type":"urn:myoline:problem:uri-too-long","title":"Request target too long","status":414,\
                                                "detail":"The request target is longer than the 8192 characters the service accepts"}"""))),
                        @APIResponse(name = "HeadersTooLarge", description = "The request headers are larger than the service accepts (myoline.http.max-header-bytes, 32 KiB by default)",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "headersTooLarge", value = """
                                                {"type":"urn:myoline:problem:headers-too-large","title":"Request header fields too large","status":431,\
                                                "detail":"The request headers are larger than the 32768 bytes the service accepts"}"""))),
                        @APIResponse(name = "TooManyRequests", description = "The caller sent more requests a second than this deployment allows (myoline.http.rate-limit; off by default, when the hospital's gateway limits instead); retry after the delay in Retry-After",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                        schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "3600", example = "1")),
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "tooMany", value = """
                                                {"type":"urn:myoline:problem:too-many-requests","title":"Too many requests","status":429,\
                                                "detail":"More than 50 requests a second from this caller; retry after the delay in Retry-After"}"""))),
                        @APIResponse(name = "ServiceUnavailable", description = "The database is unavailable; retry after the delay in Retry-After",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                        schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "3600", example = "5")),
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "databaseDown", value = """
                                                {"type":"urn:myoline:problem:service-unavailable","title":"Service temporarily unavailable","status":503,\
                                                "detail":"The database is unavailable; retry later"}"""))),
                        @APIResponse(name = "PrefetchRequired", description = "The CDS Hooks call lacks the prefetched Patient",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class))),
                        @APIResponse(name = "Unauthorized", description = "No valid bearer token",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "noToken", value = """
                                                {"type":"urn:myoline:problem:unauthorized","title":"Authentication required","status":401,\
                                                "detail":"Send a valid bearer token"}"""))),
                        @APIResponse(name = "Forbidden", description = "The token's role may not do this",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "viewerWrites", value = """
                                                {"type":"urn:myoline:problem:forbidden","title":"Forbidden","status":403,\
                                                "detail":"This role may not perform this operation"}"""))),
                        @APIResponse(name = "UnsupportedMediaType", description = "The body is not in a media type this operation consumes",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "notJson", value = """
                                                {"type":"urn:myoline:problem:unsupported-media-type","title":"Unsupported media type","status":415,\
                                                "detail":"Send the request body as application/json"}"""))),
                        @APIResponse(name = "ServerError", description = "Unexpected failure",
                                content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemDetail.class),
                                        examples = @ExampleObject(name = "unexpected", value = """
                                                {"type":"urn:myoline:problem:internal","title":"Internal server error","status":500,\
                                                "detail":"The request could not be completed"}""")))
                }))
public class OpenApiDefinition extends Application {
}
