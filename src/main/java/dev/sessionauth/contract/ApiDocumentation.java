package dev.sessionauth.contract;

import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The parts of the OpenAPI document that no single resource owns: the three ways to authenticate and the error
 * answers every route shares, referenced from the resources by name. SmallRye OpenAPI reads the definition from a
 * JAX-RS Application class; with no @ApplicationPath it changes nothing about routing.
 */
@OpenAPIDefinition(info = @Info(title = "session-auth API", version = "1", description = "Sign-in with HTTP Basic or a server-side session cookie. Every error is {\"error\": \"...\"}; "
        + "a route that reads a JSON object answers 400 {\"error\": \"Wrong format\"} to an empty body, null, any other JSON value, another media type "
        + "or a field of the wrong JSON type."), components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = ApiDocumentation.SESSION, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, apiKeyName = "_my_session_id", description = "Session cookie from POST /api/v1/auth_session/login (name set by SESSION_NAME)"),
                @SecurityScheme(securitySchemeName = ApiDocumentation.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic", description = "email:password"),
                @SecurityScheme(securitySchemeName = ApiDocumentation.API_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer", description = "An API token from POST /api/v1/tokens (AUTH_TYPE unset or any only)") }, responses = {
                        @APIResponse(name = ApiDocumentation.BAD_REQUEST, responseCode = "400", description = "The request is malformed or breaks a rule; the message says which", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class))),
                        @APIResponse(name = ApiDocumentation.UNAUTHORIZED, responseCode = "401", description = "No credentials at all: {\"error\": \"Unauthorized\"}", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class))),
                        @APIResponse(name = ApiDocumentation.FORBIDDEN, responseCode = "403", description = "Invalid credentials, an expired or revoked session, a cross-site write, "
                                + "or another user's record: {\"error\": \"Forbidden\"}", headers = @Header(name = "Set-Cookie", description = "Only when the session cookie was refused "
                                        + "(malformed, unknown, expired, logged out or revoked): the cookie cleared with Max-Age=0, as logout clears it"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class))),
                        @APIResponse(name = ApiDocumentation.NOT_FOUND, responseCode = "404", description = "{\"error\": \"Not found\"}", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class))),
                        @APIResponse(name = ApiDocumentation.CONFLICT, responseCode = "409", description = "The user is the last enabled administrator, "
                                + "and the service always keeps one: {\"error\": \"Can't remove the last administrator\"}", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class))),
                        @APIResponse(name = ApiDocumentation.TOO_MANY_ATTEMPTS, responseCode = "429", description = "Sign-in refused without a check: the account or address is locked "
                                + "({\"error\": \"Too many failed attempts\"}), or has its share of sign-ins in progress, or the account has signed in as often "
                                + "as its window allows ({\"error\": \"Too many requests\"})", headers = @Header(name = "Retry-After", description = "Seconds to wait before trying again", schema = @Schema(implementation = Integer.class)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class))) }))
public class ApiDocumentation extends Application {

    public static final String SESSION = "session";
    public static final String BASIC = "basic";
    public static final String API_TOKEN = "api_token";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_MANY_ATTEMPTS = "TooManyAttempts";
}
