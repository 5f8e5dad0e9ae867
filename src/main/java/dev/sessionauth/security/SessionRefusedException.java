package dev.sessionauth.security;

/**
 * A session cookie that names no active session (malformed, unknown, expired, logged out or revoked): 403 like any
 * invalid credentials, and the answer also clears the cookie, which can never work again.
 */
public class SessionRefusedException extends AccessDeniedException {
}
