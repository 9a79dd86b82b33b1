package org.myoline.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says loudly at start-up when tokens are verified with the committed development key. */
@ApplicationScoped
public class DevelopmentKeyWarning {
    static final String DEVELOPMENT_KEY = "dev-keys/publicKey.pem";
    private static final Logger LOG = Logger.getLogger(DevelopmentKeyWarning.class);

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String keyLocation;

    void onStart(@Observes StartupEvent event) {
        if (DEVELOPMENT_KEY.equals(keyLocation)) {
            LOG.warn("Accepting bearer tokens signed with the public DEVELOPMENT key pair (dev-keys/). Anyone with this "
                    + "repository can mint them: set MYOLINE_JWT_PUBLIC_KEY_LOCATION and MYOLINE_JWT_ISSUER to your "
                    + "identity provider's before handling real patient data.");
        }
    }
}
