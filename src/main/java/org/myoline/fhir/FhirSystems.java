package org.myoline.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The identifier and code systems of this deployment: the hospital's MRN namespace and Myoline's own. */
@ApplicationScoped
public class FhirSystems {

    /** The hospital's MRN namespace (interop.md §1.1); set it per deployment. */
    @ConfigProperty(name = "myoline.fhir.mrn-system", defaultValue = "urn:myoline:mrn")
    String mrnSystem;

    /** Prefix of Myoline's own identifier systems, code systems and extensions. */
    @ConfigProperty(name = "myoline.fhir.system-base", defaultValue = "urn:myoline:fhir")
    String systemBase;

    public String mrn() {
        return mrnSystem;
    }

    /** A Myoline system, e.g. {@code local("episode")} for episode identifiers or {@code local("drug")} for drug codes. */
    public String local(String name) {
        return systemBase + ":" + name;
    }

    public String extension(String name) {
        return systemBase + ":extension:" + name;
    }
}
