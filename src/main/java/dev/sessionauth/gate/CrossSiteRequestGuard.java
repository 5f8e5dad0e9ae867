package dev.sessionauth.gate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.SecurityEvents;

/**
 * Refuses cross-site requests that would change something on the strength of the session cookie (CSRF). Browsers
 * say where a request comes from in Origin and Sec-Fetch-Site; a request from the service's own origin (scheme,
 * host and port) or an allowed one passes, and so does one with neither header (curl, other servers: no cookie
 * rides along by itself).
 */
@ApplicationScoped
public class CrossSiteRequestGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<String> allowedOrigins;
    private final SecurityEvents securityEvents;

    public CrossSiteRequestGuard(SessionAuthConfig config, SecurityEvents securityEvents) {
        this.allowedOrigins = config.csrf().allowedOrigins().orElse(List.of()).stream()
                .map(CrossSiteRequestGuard::normalize)
                .toList();
        this.securityEvents = securityEvents;
    }

    /**
     * @param ownOrigin scheme://host[:port] of the request as the service received it (after any trusted proxy's
     *        X-Forwarded-* headers), which is the origin of the service's own pages
     * @throws AccessDeniedException for an unsafe method sent cross-site
     */
    public void check(String method, String path, String origin, String secFetchSite, String ownOrigin,
            String clientAddress) {
        if (SAFE_METHODS.contains(method)) {
            return;
        }
        boolean crossSite;
        if (origin != null) {
            String normalized = normalize(origin);
            crossSite = !normalized.equals(normalize(ownOrigin)) && !allowedOrigins.contains(normalized);
        } else {
            // Without Origin only Fetch Metadata can tell; "cross-site" is never the service's own page.
            crossSite = "cross-site".equalsIgnoreCase(secFetchSite);
        }
        if (crossSite) {
            securityEvents.crossSiteRefused(method, path, origin, clientAddress);
            throw new AccessDeniedException();
        }
    }

    /** Origins compare without regard to case or a trailing slash someone put in the configuration. */
    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
