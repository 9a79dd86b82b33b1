package org.myoline.episode;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP tests, run against the packaged jar (mvn verify -DskipITs=false). */
@QuarkusIntegrationTest
class EpisodeResourceIT extends EpisodeResourceTest {
}
