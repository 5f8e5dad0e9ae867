package dev.sessionauth.session;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.config.SessionConfig;

/** Builds the session cookie: HttpOnly, SameSite Lax or Strict, Path=/, Secure as configured, optional __Host-. */
@ApplicationScoped
public class SessionCookies {

    private static final String HOST_PREFIX = "__Host-";

    private final String name;
    private final boolean secure;
    private final NewCookie.SameSite sameSite;

    public SessionCookies(SessionAuthConfig config) {
        SessionConfig session = config.session();
        this.name = session.cookieHostPrefix() ? HOST_PREFIX + session.cookieName() : session.cookieName();
        // Browsers drop a __Host- cookie that is not Secure, so the prefix implies it.
        this.secure = session.cookieSecure() || session.cookieHostPrefix();
        this.sameSite = session.cookieSameSite() == SessionConfig.SameSitePolicy.STRICT ? NewCookie.SameSite.STRICT
                : NewCookie.SameSite.LAX;
    }

    public String cookieName() {
        return name;
    }

    /** Whether the cookie is Secure, that is, whether the service is meant to be reached over HTTPS only. */
    public boolean secure() {
        return secure;
    }

    /** The cookie carrying a new session's token; it lives as long as the session's absolute lifetime. */
    public NewCookie issue(String token, Optional<Duration> lifetime) {
        NewCookie.Builder cookie = base();
        cookie.value(token);
        lifetime.ifPresent(maxAge -> cookie.maxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds())));
        return cookie.build();
    }

    /** A cookie that makes the browser forget the session cookie. */
    public NewCookie cleared() {
        NewCookie.Builder cookie = base();
        cookie.value("").maxAge(0).expiry(new Date(0));
        return cookie.build();
    }

    /**
     * A 200 answer that also clears the session cookie, with Clear-Site-Data asking the browser to drop its cookies
     * in case the cleared cookie is not applied.
     */
    public <T> RestResponse<T> clearing(T body) {
        return RestResponse.ResponseBuilder.ok(body)
                .cookie(cleared())
                .header("Clear-Site-Data", "\"cookies\"")
                .build();
    }

    private NewCookie.Builder base() {
        NewCookie.Builder cookie = new NewCookie.Builder(name);
        cookie.path("/").httpOnly(true).secure(secure).sameSite(sameSite);
        return cookie;
    }
}
