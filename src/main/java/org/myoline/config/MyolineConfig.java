package org.myoline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the service under {@code myoline.*}, in one place (environment variables: MYOLINE_…).
 * Quarkus validates and binds it at start-up; see docs/configuration.md.
 */
@ConfigMapping(prefix = "myoline")
public interface MyolineConfig {

    Rules rules();

    Catalogue catalogue();

    Idempotency idempotency();

    Fhir fhir();

    Http http();

    Audit audit();

    Security security();

    Bulk bulk();

    Views views();

    /** The derived views: timeline, its renderings, assessment (docs/derived-views.md). */
    interface Views {
        Store store();

        /**
         * The shared result store: rendered bodies kept in the database by (patient, view, as-of date), served while
         * the patient's history version and the rules are those they were derived with.
         */
        interface Store {
            /** Whether reads look in the store and misses are stored; false derives every view on every read. */
            @WithDefault("true")
            boolean enabled();

            /** Total body bytes kept at most, across every replica; housekeeping drops the oldest rows beyond it. */
            @WithDefault("256M")
            io.quarkus.runtime.configuration.MemorySize maxBytes();

            /**
             * Store a view the second time it is derived, not the first: each replica remembers the last 65,536
             * views it derived without storing (512 KiB), so a view asked for once (an as-of date looked up once)
             * costs no write. false stores every derivation.
             */
            @WithDefault("true")
            boolean doorkeeper();

            /** A larger body is served but not kept. */
            @WithDefault("2M")
            io.quarkus.runtime.configuration.MemorySize maxBodyBytes();

            /** How long a row is kept at most (a view asked for once and never again). */
            @WithDefault("P7D")
            Duration maxAge();

            /**
             * Bytes of derived bodies waiting to be written at most per replica (a writer thread stores them as they
             * come); a miss beyond it is served and not kept, so a burst of misses cannot fill the heap.
             */
            @WithDefault("8M")
            io.quarkus.runtime.configuration.MemorySize queueBytes();

            /** How often outdated, old and excess rows are dropped. */
            @WithDefault("60s")
            Duration housekeepingInterval();
        }
    }

    /** Asynchronous FHIR bulk import and export (docs/bulk-data.md). */
    interface Bulk {
        /** How often each replica looks for a bulk job to work on. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a replica holds a job without moving its cursor; a job whose replica died is taken over by
         * another once this has passed.
         */
        @WithDefault("30s")
        Duration lease();

        /** How long a finished job's manifest and files stay available. */
        @WithDefault("P1D")
        Duration retention();

        /** Longest line of an import feed, in bytes; a longer line is rejected on its own. */
        @WithDefault("1048576")
        int maxLineBytes();

        /** Patients read from the staged input at a time. */
        @WithDefault("50")
        int patientsPerRead();

        /** Patients exported per output chunk (and per cursor move). */
        @WithDefault("100")
        int patientsPerChunk();
    }

    /** Bearer-token handling (docs/security.md). */
    interface Security {
        TokenCache tokenCache();

        /** Verified tokens remembered by the SHA-256 of the token, so a repeated token is not verified again. */
        interface TokenCache {
            /** Tokens remembered at most; 0 verifies every request in full. */
            @WithDefault("10000")
            int size();

            /** How long a verification is reused at most (never past the token's expiry). */
            @WithDefault("60s")
            Duration ttl();
        }
    }

    /** The clinical rules: the built-in rules file, changed by an optional overlay file. */
    interface Rules {
        /** A JSON file that changes or adds rules (docs/configuration.md); validated at start-up. */
        Optional<Path> overlay();
    }

    /** The drug catalogue: the built-in catalogue, changed by an optional overlay file. */
    interface Catalogue {
        /** A JSON file that changes or adds drugs (docs/configuration.md); validated at start-up. */
        Optional<Path> overlay();
    }

    interface Idempotency {
        /** How long an Idempotency-Key and its response are kept per caller. */
        @WithDefault("PT24H")
        Duration retention();
    }

    /**
     * What one request may send before the service refuses it with a problem (414, 431). The HTTP layer's own
     * limits (quarkus.http.limits.*) sit above these as the backstop.
     */
    interface Http {
        /**
         * Largest request body, except the input of an asynchronous bulk import (bounded by
         * quarkus.http.limits.max-body-size, MYOLINE_BULK_MAX_BODY_SIZE).
         */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** Longest request target (path and query), in characters. */
        @WithDefault("8192")
        int maxTargetLength();

        /** Largest total of header names and values, in bytes. */
        @WithDefault("32768")
        int maxHeaderBytes();

        /**
         * Requests one caller (one bearer token, else one address) may make per second on this replica before
         * 429; 0 turns the limit off (the default: the hospital's gateway usually limits).
         */
        @WithDefault("0")
        int rateLimit();
    }

    interface Fhir {
        /** The hospital's MRN identifier system; set it per deployment. */
        @WithDefault("urn:myoline:mrn")
        String mrnSystem();

        /** Prefix of Myoline's own identifier systems, code systems and extensions. */
        @WithDefault("urn:myoline:fhir")
        String systemBase();
    }

    /** The read-access audit and the retention of both audit logs (docs/audit.md). */
    interface Audit {
        /** What a read does when access records cannot be stored: refuse with 503, or serve and keep trying. */
        @WithDefault("fail-closed")
        OnFailure onFailure();

        Access access();

        Retention retention();

        enum OnFailure {
            /** Refuse reads of patient data (503) until the access log can be written again. */
            FAIL_CLOSED,
            /** Serve reads; keep the records and retry; past max-pending, write them to the service log as errors. */
            CONTINUE
        }

        interface Access {
            /** How often buffered access records are written. */
            @WithDefault("1s")
            Duration flushInterval();

            /** Records held at most; past this a reading request writes the buffer itself before answering. */
            @WithDefault("20000")
            int maxPending();
        }

        interface Retention {
            /** How long access records are kept (default six years, the HIPAA documentation period). */
            @WithDefault("P2192D")
            Duration accessLog();

            /** How long change-history records are kept. */
            @WithDefault("P2192D")
            Duration changeHistory();

            /** How often the purge runs (a scheduler interval such as 24h; "off" never purges). */
            @WithDefault("24h")
            String purgeEvery();
        }
    }
}
