package dev.sessionauth.api;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Refuses, with 400 and before any other route, a path under Quarkus's own endpoints (/q/) that carries an encoded
 * NUL (%00). Quarkus serves the Swagger UI from a handler that decodes the path and resolves it as a file, and a NUL
 * makes that throw: a 500 with a stack trace in the log. The API's routes and the account page are not affected.
 */
@ApplicationScoped
public class NulPathGuard {

    private static final int BEFORE_ALL_ROUTES = Integer.MIN_VALUE;
    /** quarkus.http.non-application-root-path, left at its default. */
    private static final String QUARKUS_ENDPOINTS = "/q/";

    void install(@Observes Router router) {
        router.route().order(BEFORE_ALL_ROUTES).handler(context -> {
            String path = context.normalizedPath();
            if (path != null && path.startsWith(QUARKUS_ENDPOINTS) && path.toLowerCase(Locale.ROOT).contains("%00")) {
                context.fail(400);
            } else {
                context.next();
            }
        });
    }
}
