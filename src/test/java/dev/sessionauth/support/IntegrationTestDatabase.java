package dev.sessionauth.support;

import java.util.HashMap;
import java.util.Map;

import dev.sessionauth.devdb.EmbeddedPostgresLauncher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For @QuarkusIntegrationTest: the packaged application (the native executable, or the jar) runs in its own process
 * with the prod profile, so it gets a real PostgreSQL (the embedded one, started here by the test JVM, one per run)
 * and the few settings the API tests rely on, as the test profile gives them to @QuarkusTest.
 */
public class IntegrationTestDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(new EmbeddedPostgresLauncher().start("integration-test", true));
        settings.put("session-auth.admin.email", Api.ADMIN_EMAIL);
        settings.put("session-auth.admin.password", Api.ADMIN_PASSWORD);
        // Plain HTTP on loopback: a Secure cookie would never come back.
        settings.put("session-auth.session.cookie-secure", "false");
        // The lowest cost bcrypt allows, as in the test profile: the tests hash many passwords.
        settings.put("session-auth.password.bcrypt-cost", "4");
        // Every test client is 127.0.0.1 and signs in often and in parallel: the limits are tested in their own tests.
        settings.put("session-auth.brute-force.address-max-failures", "100000");
        settings.put("session-auth.sign-in.max-in-flight-per-address", "100000");
        settings.put("session-auth.sign-in.max-in-flight-per-account", "100000");
        settings.put("session-auth.sign-in.max-successes-per-account", "100000");
        return settings;
    }

    /** The server stops when the test JVM exits: the next test class's launch of the application reuses it. */
    @Override
    public void stop() {
    }
}
