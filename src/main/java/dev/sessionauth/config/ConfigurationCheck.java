package dev.sessionauth.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;

/** Refuses to start with settings that would quietly break sessions, instead of misbehaving later. */
public class ConfigurationCheck {

    /** Runs before the other start-up work (such as the admin bootstrap), so a bad setting is named first. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, SessionAuthConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid session-auth configuration: " + String.join("; ", problems));
        }
    }

    static List<String> problems(SessionAuthConfig config) {
        List<String> problems = new ArrayList<>();
        checkSession(config.session(), problems);
        int cost = config.password().bcryptCost();
        if (cost < 4 || cost > 31) {
            problems.add("session-auth.password.bcrypt-cost must be between 4 and 31");
        }
        if (config.password().maxConcurrentHashes().orElse(1) < 1) {
            problems.add("session-auth.password.max-concurrent-hashes must be at least 1");
        }
        if (config.purge().batchSize() < 1) {
            problems.add("session-auth.purge.batch-size must be at least 1");
        }
        checkSignInLimits(config.bruteForce(), config.signIn(), problems);
        SessionAuthConfig.ApiTokens apiTokens = config.apiTokens();
        if (apiTokens.defaultLifetimeDays() < 1 || apiTokens.defaultLifetimeDays() > apiTokens.maxLifetimeDays()) {
            problems.add("session-auth.api-tokens.default-lifetime-days must be between 1 and max-lifetime-days");
        }
        if (apiTokens.maxPerUser() < 1) {
            problems.add("session-auth.api-tokens.max-per-user must be at least 1");
        }
        return problems;
    }

    private static void checkSession(SessionConfig session, List<String> problems) {
        if (session.idleTimeout().isNegative()) {
            problems.add("session-auth.session.idle-timeout must be zero (off) or positive");
        }
        if (session.touchInterval().isNegative()) {
            problems.add("session-auth.session.touch-interval must not be negative");
        }
        if (!session.idleTimeout().isZero() && session.touchInterval().compareTo(session.idleTimeout()) >= 0) {
            problems.add(
                    "session-auth.session.touch-interval must be shorter than the idle timeout, or active sessions expire");
        }
        if (session.maxPerUser() < 1) {
            problems.add("session-auth.session.max-per-user must be at least 1");
        }
    }

    private static void checkSignInLimits(SessionAuthConfig.BruteForce bruteForce, SessionAuthConfig.SignIn signIn,
            List<String> problems) {
        if (bruteForce.accountMaxFailures() < 1 || bruteForce.addressMaxFailures() < 1) {
            problems.add("session-auth.brute-force max failures must be at least 1");
        }
        if (isNotPositive(bruteForce.window()) || isNotPositive(bruteForce.lockout())) {
            problems.add("session-auth.brute-force window and lockout must be positive");
        }
        if (signIn.maxInFlightPerAddress() < 1 || signIn.maxInFlightPerAccount() < 1
                || signIn.maxSuccessesPerAccount() < 1) {
            problems.add("session-auth.sign-in max in flight and max successes must be at least 1");
        }
        if (isNotPositive(signIn.successWindow())) {
            problems.add("session-auth.sign-in.success-window must be positive");
        }
    }

    private static boolean isNotPositive(Duration duration) {
        return duration.isNegative() || duration.isZero();
    }
}
