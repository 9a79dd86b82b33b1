package org.myoline.bulk;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Streams a finished job's file from the database a chunk at a time (one query per chunk of output, or per
 * thousand rejected lines), so a large file never sits in memory whole.
 */
@ApplicationScoped
public class BulkFiles {
    private static final int PAGE = 1000;

    @Inject
    BulkJobs jobs;

    StreamingOutput stream(BulkJobs.Job job, String name) {
        if (name.equals(BulkService.ERRORS_FILE)) {
            return out -> {
                int file = 0;
                long line = 0;
                while (true) {
                    int afterFile = file;
                    long afterLine = line;
                    List<BulkJobs.Rejected> page = QuarkusTransaction.requiringNew()
                            .call(() -> jobs.rejections(job.id(), afterFile, afterLine, PAGE));
                    for (BulkJobs.Rejected r : page) {
                        out.write(r.outcome().getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        file = r.file();
                        line = r.line();
                    }
                    if (page.size() < PAGE) {
                        return;
                    }
                }
            };
        }
        String type = name.substring(0, name.length() - ".ndjson".length());
        return out -> {
            int seq = 0;
            while (true) {
                int after = seq;
                Optional<BulkJobs.Chunk> chunk = QuarkusTransaction.requiringNew()
                        .call(() -> jobs.chunk(job.id(), type, after));
                if (chunk.isEmpty()) {
                    return;
                }
                out.write(chunk.get().data());
                seq = chunk.get().seq();
            }
        };
    }
}
