package dev.sessionauth.user;

import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotEmpty;

import dev.sessionauth.contract.RequestViolations;

/** Body of POST /api/v1/users; the checks answer in the contract's words (see {@link RequestViolations}). */
@GroupSequence({ CreateUserRequest.class, RequestViolations.Rules.class })
public record CreateUserRequest(
        @NotEmpty(message = "email missing") @EmailAddressFormat(message = CreateUserRequest.CANNOT_CREATE
                + "email is not a valid address", groups = RequestViolations.Rules.class) String email,
        @NotEmpty(message = "password missing") @AcceptablePassword(message = CreateUserRequest.CANNOT_CREATE, groups = RequestViolations.Rules.class) String password,
        @PersonName(field = "first_name", message = CreateUserRequest.CANNOT_CREATE, groups = RequestViolations.Rules.class) String firstName,
        @PersonName(field = "last_name", message = CreateUserRequest.CANNOT_CREATE, groups = RequestViolations.Rules.class) String lastName) {

    static final String CANNOT_CREATE = "Can't create User: ";

    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + "]";
    }
}
