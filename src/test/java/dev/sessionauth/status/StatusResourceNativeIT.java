package dev.sessionauth.status;

import dev.sessionauth.support.IntegrationTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The status routes and the error answers, against the packaged application (the native executable in -Pnative). */
@QuarkusIntegrationTest
@WithTestResource(IntegrationTestDatabase.class)
class StatusResourceNativeIT extends StatusResourceTest {
}
