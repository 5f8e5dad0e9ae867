package dev.sessionauth.gate;

import dev.sessionauth.support.IntegrationTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** HTTP Basic sign-in, against the packaged application (the native executable in -Pnative). */
@QuarkusIntegrationTest
@WithTestResource(IntegrationTestDatabase.class)
class BasicAuthenticationNativeIT extends BasicAuthenticationTest {
}
