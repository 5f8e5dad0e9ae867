package dev.sessionauth.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.sessionauth.api.NulPathGuard;
import dev.sessionauth.session.SessionCookies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security and caching headers for the account page, the static files under META-INF/resources: a strict
 * Content-Security-Policy that also forbids framing, no Referer, no MIME sniffing, HSTS where the session cookie is
 * Secure, and revalidation on every use. They are set before the static files' handler runs, which keeps a
 * Cache-Control it finds instead of its own "public, immutable, max-age=86400".
 */
@ApplicationScoped
public class AccountPageHeaders {

    /** The page's files; StaticPageTest checks that every file under META-INF/resources is listed. */
    static final List<String> PAGE_FILES = List.of("/", "/index.html", "/app.js", "/groups.js", "/app.css");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    /** Right after NulPathGuard, before the static files' handler. */
    private static final int BEFORE_STATIC_FILES = Integer.MIN_VALUE + 1;

    private final boolean httpsOnly;

    public AccountPageHeaders(SessionCookies sessionCookies) {
        this.httpsOnly = sessionCookies.secure();
    }

    /**
     * Only GET and HEAD of the page's own files: any other request for them is answered by the API's error handling,
     * which sets its own Cache-Control.
     */
    void install(@Observes Router router) {
        for (String path : PAGE_FILES) {
            router.route(HttpMethod.GET, path).order(BEFORE_STATIC_FILES).handler(this::addHeaders);
            router.route(HttpMethod.HEAD, path).order(BEFORE_STATIC_FILES).handler(this::addHeaders);
        }
    }

    private void addHeaders(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // For browsers older than frame-ancestors.
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        // The files keep their names from one release to the next, so a browser must ask (If-Modified-Since) each
        // time instead of keeping them a day as immutable: a new app.js is then used at once, never next to an old
        // index.html.
        headers.set("Cache-Control", "no-cache");
        if (httpsOnly) {
            // A Secure cookie only ever comes back over HTTPS: the page is meant to be reached over HTTPS only.
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        context.next();
    }
}
