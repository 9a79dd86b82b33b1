package org.myoline.contract;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.myoline.security.TestTokens;

/**
 * Sends a clinician's bearer token with every test request that carries none. A test that needs another
 * caller sets the header {@value #AS} to a role ("viewer", "integration"), to "norole", or to "anonymous".
 */
public final class DefaultTokenFilter implements Filter {
    public static final String AS = "X-Test-As";

    static void install() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof DefaultTokenFilter)) {
            RestAssured.filters(new DefaultTokenFilter());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        String as = req.getHeaders().hasHeaderWithName(AS) ? req.getHeaders().getValue(AS) : "clinician";
        req.removeHeader(AS);
        if (!req.getHeaders().hasHeaderWithName("Authorization") && !as.equals("anonymous")) {
            String token = as.equals("norole") ? TestTokens.mint("test-norole") : TestTokens.mint("test-" + as, as);
            req.header("Authorization", "Bearer " + token);
        }
        return ctx.next(req, res);
    }
}
