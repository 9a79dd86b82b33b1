package org.myoline.contract;

import org.junit.jupiter.api.BeforeEach;

/**
 * Implemented by every HTTP test class: before each test, REST Assured gets the filter that validates
 * every request and response of the test against the committed contract, openapi/openapi.yaml.
 * {@code EveryHttpTestIsContractValidatedTest} makes sure no HTTP test class forgets it.
 */
public interface ContractValidated {

    @BeforeEach
    default void validateEveryExchangeAgainstTheContract() {
        OpenApiValidationFilter.install();
    }
}
