package dev.sessionauth.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Small shares of password hashing per client address and per account, a low rate of successful sign-ins, and one
 * hash at a time at a cost high enough that the requests of a burst are sure to overlap. The administrator's sign-ins
 * count against the rate too (in a database that other test classes share), so tests with this profile insert their
 * users directly ({@link Database#insertUser}).
 */
public class FairShareProfile implements QuarkusTestProfile {

    public static final int BCRYPT_COST = 8;
    public static final int ADDRESS_SHARE = 2;
    public static final int ACCOUNT_SHARE = 1;
    public static final int ACCOUNT_SUCCESSES_PER_MINUTE = 3;
    public static final int ACCOUNT_MAX_FAILURES = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "session-auth.password.bcrypt-cost", String.valueOf(BCRYPT_COST),
                "BCRYPT_MAX_CONCURRENCY", "1",
                "SIGN_IN_MAX_IN_FLIGHT_PER_ADDRESS", String.valueOf(ADDRESS_SHARE),
                "SIGN_IN_MAX_IN_FLIGHT_PER_ACCOUNT", String.valueOf(ACCOUNT_SHARE),
                "SIGN_IN_MAX_SUCCESSES_PER_ACCOUNT", String.valueOf(ACCOUNT_SUCCESSES_PER_MINUTE),
                "SIGN_IN_SUCCESS_WINDOW", "1m",
                "LOCKOUT_ACCOUNT_MAX_FAILURES", String.valueOf(ACCOUNT_MAX_FAILURES),
                "LOCKOUT_DURATION", "5m");
    }
}
