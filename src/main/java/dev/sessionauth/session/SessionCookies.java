package dev.sessionauth.session;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import dev.sessionauth.config.SessionAuthConfig;

/** Builds the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure as configured. */
@ApplicationScoped
public class SessionCookies {

    private final SessionAuthConfig.Session config;

    public SessionCookies(SessionAuthConfig config) {
        this.config = config.session();
    }

    public String cookieName() {
        return config.cookieName();
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
        return base().value("").maxAge(0).expiry(new Date(0)).build();
    }

    private NewCookie.Builder base() {
        NewCookie.Builder cookie = new NewCookie.Builder(config.cookieName());
        cookie.path("/").httpOnly(true).secure(config.cookieSecure()).sameSite(NewCookie.SameSite.LAX);
        return cookie;
    }
}
