package dev.sessionauth.auth;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;

/**
 * Refuses cross-site requests that would change something on the strength of the session cookie (CSRF). Browsers
 * say where a request comes from in Origin and Sec-Fetch-Site; a request from the service's own origin or an
 * allowed one passes, and so does one with neither header (curl, other servers: no cookie rides along by itself).
 */
@ApplicationScoped
public class CrossSiteRequestGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<String> allowedOrigins;

    public CrossSiteRequestGuard(SessionAuthConfig config) {
        this.allowedOrigins = config.csrf().allowedOrigins().orElse(List.of()).stream()
                .map(origin -> origin.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * @param host the request's Host header, which names the service's own origin
     * @throws AccessDeniedException for an unsafe method sent cross-site
     */
    public void check(String method, String origin, String secFetchSite, String host) {
        if (SAFE_METHODS.contains(method)) {
            return;
        }
        if (origin != null) {
            if (!isSameOrigin(origin, host) && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
                throw new AccessDeniedException();
            }
            return;
        }
        // Without Origin only Fetch Metadata can tell; "cross-site" is never the service's own page.
        if ("cross-site".equalsIgnoreCase(secFetchSite)) {
            throw new AccessDeniedException();
        }
    }

    private static boolean isSameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        String ownHost = host.toLowerCase(Locale.ROOT);
        return normalized.equals("https://" + ownHost) || normalized.equals("http://" + ownHost);
    }
}
