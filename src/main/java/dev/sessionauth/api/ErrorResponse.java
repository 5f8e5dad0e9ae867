package dev.sessionauth.api;

/** The body of every error answer: {@code {"error": "..."}}. */
public record ErrorResponse(String error) {
}
