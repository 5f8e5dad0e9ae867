package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.HeaderValues;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.ReauthenticationRequiredException;

/**
 * The answer of GET /auth_session/verify for a reverse proxy: the caller in headers it can pass on, when their
 * password was last proven (X-Auth-Time), and, with max_auth_age, a refusal when that proof is older.
 */
@ApplicationScoped
public class ProxyVerificationAnswer {

    static final String USER_ID_HEADER = "X-User-Id";
    static final String USER_EMAIL_HEADER = "X-User-Email";
    static final String USER_ROLES_HEADER = "X-User-Roles";
    static final String USER_GROUPS_HEADER = "X-User-Groups";
    static final String AUTH_TIME_HEADER = "X-Auth-Time";

    /**
     * @param maxAuthAge the max_auth_age query parameter (whole seconds) or null
     * @throws ReauthenticationRequiredException when max_auth_age is given and the caller's proof is older (an API
     *         token proves no password, so it never passes)
     */
    public RestResponse<UserResponse> answer(Caller caller, String maxAuthAge, Instant now) {
        Optional<Duration> maxAge = parse(maxAuthAge);
        if (maxAge.isPresent() && (caller.authenticatedAt() == null || !caller.provedPasswordWithin(maxAge.get(), now))) {
            throw new ReauthenticationRequiredException();
        }
        UserResponse user = caller.profile();
        RestResponse.ResponseBuilder<UserResponse> answer = RestResponse.ResponseBuilder.ok(user)
                .header(USER_ID_HEADER, user.id())
                .header(USER_EMAIL_HEADER, HeaderValues.percentEncoded(user.email()))
                .header(USER_ROLES_HEADER, user.role())
                .header(USER_GROUPS_HEADER, String.join(",", user.groups()));
        if (caller.authenticatedAt() != null) {
            answer.header(AUTH_TIME_HEADER, caller.authenticatedAt().getEpochSecond());
        }
        return answer.build();
    }

    private static Optional<Duration> parse(String maxAuthAge) {
        if (maxAuthAge == null) {
            return Optional.empty();
        }
        // Digits only, and few enough that they always parse.
        if (!maxAuthAge.matches("[0-9]{1,9}")) {
            throw new InvalidRequestException("max_auth_age must be a whole number of seconds");
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(maxAuthAge)));
    }
}
