package dev.sessionauth.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The optional protections switched on, under the environment names a deployment would use: low lockout
 * thresholds, one generic login error, an allowed cross-site origin, SameSite=Strict and the __Host- prefix.
 */
public class HardenedProfile implements QuarkusTestProfile {

    public static final int ACCOUNT_MAX_FAILURES = 3;
    public static final int ADDRESS_MAX_FAILURES = 6;
    public static final String ALLOWED_ORIGIN = "https://app.example.com";
    public static final String COOKIE = "__Host-" + Api.COOKIE;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "LOCKOUT_ACCOUNT_MAX_FAILURES", String.valueOf(ACCOUNT_MAX_FAILURES),
                "session-auth.brute-force.address-max-failures", String.valueOf(ADDRESS_MAX_FAILURES),
                "LOCKOUT_DURATION", "5m",
                "LOGIN_GENERIC_ERRORS", "true",
                "CSRF_ALLOWED_ORIGINS", ALLOWED_ORIGIN,
                "SESSION_COOKIE_SAME_SITE", "strict",
                "SESSION_COOKIE_HOST_PREFIX", "true");
    }
}
