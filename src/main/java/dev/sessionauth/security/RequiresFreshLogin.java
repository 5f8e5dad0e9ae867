package dev.sessionauth.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sensitive route: a caller signed in by a session cookie whose password proof is older than
 * FRESH_AUTH_MAX_AGE (or that session protection marked not fresh) must reauthenticate first. The request gate
 * enforces it; Basic callers prove the password on every request and API tokens are not asked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresFreshLogin {

    /** Whose requests the rule covers. */
    Who value() default Who.EVERYONE;

    /** Everyone, or only administrators (their writes on routes that plain users may also use on themselves). */
    enum Who {
        EVERYONE,
        ADMINISTRATORS
    }
}
