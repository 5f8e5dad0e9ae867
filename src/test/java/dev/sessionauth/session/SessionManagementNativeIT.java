package dev.sessionauth.session;

import dev.sessionauth.support.IntegrationTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Login, sessions, logout, password change and disabled users, against the packaged application (-Pnative: native). */
@QuarkusIntegrationTest
@WithTestResource(IntegrationTestDatabase.class)
class SessionManagementNativeIT extends SessionManagementTest {
}
