package dev.sessionauth.user;

import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotEmpty;

import dev.sessionauth.contract.RequestViolations;

/** Body of PUT /api/v1/users/me/password; the checks answer in the contract's words (see {@link RequestViolations}). */
@GroupSequence({ ChangePasswordRequest.class, RequestViolations.Rules.class })
public record ChangePasswordRequest(
        @NotEmpty(message = "current_password missing") String currentPassword,
        @NotEmpty(message = "new_password missing") @AcceptablePassword(message = "Can't change password: ", groups = RequestViolations.Rules.class) String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
