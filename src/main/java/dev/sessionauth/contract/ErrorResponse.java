package dev.sessionauth.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every error answer: {@code {"error": "..."}}. Registered for reflection because only exception mappers
 * return it: Quarkus registers the types that resource methods return, so a native image would otherwise have no
 * serializer for it and answer every error with a 500.
 */
@RegisterForReflection
public record ErrorResponse(String error) {
}
