package dev.sessionauth.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the route a reverse proxy calls to decide on another request (nginx auth_request). A proxy passes on 401
 * and 403 but turns any other refusal into 500, so every failed credential check answers 401 there, and the
 * cross-site check applies to the proxied request's method, given in {@value #ORIGINAL_METHOD_HEADER}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProxyVerificationEndpoint {

    String ORIGINAL_METHOD_HEADER = "X-Original-Method";
}
