package dev.sessionauth.support;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * What every @QuarkusTest gets without asking: a failed REST-assured check prints the whole exchange, and time
 * moved by one test never leaks into the next.
 */
public class TestDefaults implements QuarkusTestBeforeClassCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        Arc.container().instance(TestClock.class).get().reset();
    }
}
