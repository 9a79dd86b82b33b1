package org.myoline.patient;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP tests, run against the packaged jar (mvn verify -DskipITs=false). */
@QuarkusIntegrationTest
class PatientResourceIT extends PatientResourceTest {
}
