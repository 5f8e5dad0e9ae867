package dev.sessionauth.support;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * What every @QuarkusTest gets without asking: a failed REST-assured check prints the whole exchange, time moved by
 * one test never leaks into the next, and neither do the failed sign-ins of the tests' own client address.
 */
public class TestDefaults
        implements QuarkusTestBeforeClassCallback, QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    /** Where REST-assured's requests come from unless a test sends X-Forwarded-For. */
    private static final String TEST_CLIENT_SUBJECT = "address:127.0.0.1";

    @Override
    public void beforeClass(Class<?> testClass) {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /**
     * Every test that sends a wrong password, reset secret or reauthentication without X-Forwarded-For counts against
     * 127.0.0.1, and the profiles with low limits (HardenedProfile: 6) would start locked once the suite has more such
     * tests than that within the window. Tests of the limits themselves use addresses of their own.
     */
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Arc.container().instance(Database.class).get().update("DELETE FROM auth_failures WHERE subject = ?",
                TEST_CLIENT_SUBJECT);
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        Arc.container().instance(TestClock.class).get().reset();
    }
}
