package org.myoline.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.PerformanceOptionsEnum;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one FHIR R4 context of the service. It costs about a second to build (interop.md §3), so it is built on
 * the first import, never on the start-up path; parsers are cheap and not thread-safe, so each message gets
 * its own. Parsing is strict: an unknown element or a malformed value is an error, not silently lost data.
 */
@ApplicationScoped
public class FhirParsing {
    private static final Logger LOG = Logger.getLogger(FhirParsing.class);

    private volatile FhirContext context;

    FhirContext context() {
        FhirContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    long start = System.nanoTime();
                    c = FhirContext.forR4();
                    c.setPerformanceOptions(PerformanceOptionsEnum.DEFERRED_MODEL_SCANNING);
                    context = c;
                    LOG.infof("FHIR R4 context ready in %d ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return c;
    }

    /** A strict JSON parser for one message. */
    IParser parser() {
        return context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }
}
