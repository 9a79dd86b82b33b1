package org.myoline.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.myoline.config.MyolineConfig;

/** The identifier and code systems of this deployment: the hospital's MRN namespace and Myoline's own. */
@ApplicationScoped
public class FhirSystems {

    private final String mrnSystem;
    private final String systemBase;

    @Inject
    FhirSystems(MyolineConfig config) {
        this(config.fhir().mrnSystem(), config.fhir().systemBase());
    }

    private FhirSystems(String mrnSystem, String systemBase) {
        this.mrnSystem = mrnSystem;
        this.systemBase = systemBase;
    }

    /** Systems without configuration, for tests and tools. */
    public static FhirSystems of(String mrnSystem, String systemBase) {
        return new FhirSystems(mrnSystem, systemBase);
    }

    /** The hospital's MRN namespace; set it per deployment (myoline.fhir.mrn-system). */
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
