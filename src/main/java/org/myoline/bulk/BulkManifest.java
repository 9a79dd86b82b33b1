package org.myoline.bulk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a finished bulk job, in the shape of the FHIR Bulk Data manifest: when the job's data was
 * taken, the kick-off request, and the files to download with the same bearer token. An import also says
 * what it wrote.
 */
@Schema(name = "BulkManifest", description = "FHIR Bulk Data completion manifest")
public record BulkManifest(
        @Schema(description = "When the job started working on the data", required = true) Instant transactionTime,
        @Schema(description = "The kick-off request URL", required = true, maxLength = 4000) String request,
        @Schema(description = "Always true: download the files with the same bearer token", required = true)
        boolean requiresAccessToken,
        @Schema(description = "Output files, one per resource type (an export)", required = true, maxItems = 50)
        List<BulkFile> output,
        @Schema(description = "The import's error file, if a line was rejected: one OperationOutcome per rejected line",
                required = true, maxItems = 1)
        List<BulkFile> error,
        @Schema(description = "What an import wrote (absent for an export)") ImportSummary importSummary) {

    /** One downloadable NDJSON file. */
    @Schema(name = "BulkFile")
    public record BulkFile(
            @Schema(description = "FHIR resource type of every line", required = true, maxLength = 64) String type,
            @Schema(description = "Absolute URL; GET it with the same bearer token", required = true, maxLength = 2000)
            String url,
            @Schema(description = "Resources in the file", required = true) long count) {
    }

    /** Counts of an import: lines per resource type read and imported, patients written and rejected. */
    @Schema(name = "BulkImportSummary")
    public record ImportSummary(
            @Schema(description = "Patients whose lines were all imported (each in one transaction)", required = true)
            long patientsWritten,
            @Schema(description = "Patients not written because one of their lines was rejected", required = true)
            long patientsRejected,
            @Schema(description = "Lines rejected (each has an OperationOutcome in the error file)", required = true)
            long linesRejected,
            @Schema(description = "Lines read, per resource type", required = true, maxItems = 200)
            List<TypeCount> linesRead,
            @Schema(description = "Lines imported, per resource type", required = true, maxItems = 200)
            List<TypeCount> linesImported) {
    }

    /** A number of lines of one resource type. */
    @Schema(name = "BulkTypeCount")
    public record TypeCount(
            @Schema(description = "FHIR resource type (\"unknown\" for a line that names none)", required = true,
                    maxLength = 64) String type,
            @Schema(description = "Lines", required = true) long count) {

        static List<TypeCount> of(Map<String, Long> counts) {
            return counts.entrySet().stream().map(e -> new TypeCount(e.getKey(), e.getValue())).toList();
        }
    }
}
