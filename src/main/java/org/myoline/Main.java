package org.myoline;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service. */
@QuarkusMain
public class Main {

    private Main() {
    }

    public static void main(String... args) {
        // The service checks the request target itself (api.HttpEdge), so a malformed one is answered with a
        // problem document; the HTTP layer's own check would answer an empty 400 before any handler runs.
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
