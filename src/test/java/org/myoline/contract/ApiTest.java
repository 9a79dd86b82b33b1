package org.myoline.contract;

import org.junit.jupiter.api.BeforeEach;

/**
 * Implemented by every HTTP test class. Before each test REST Assured gets two filters: one sends a
 * clinician's bearer token unless the test asks otherwise ({@link DefaultTokenFilter}); the other
 * validates every request and response against the committed contract, openapi/openapi.yaml
 * ({@link OpenApiValidationFilter}). {@code EveryHttpTestIsAnApiTest} makes sure no HTTP test class
 * forgets this.
 */
public interface ApiTest {

    @BeforeEach
    default void authenticateAndValidateAgainstTheContract() {
        DefaultTokenFilter.install();
        OpenApiValidationFilter.install();
    }
}
