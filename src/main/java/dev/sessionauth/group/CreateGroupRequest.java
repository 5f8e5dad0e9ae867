package dev.sessionauth.group;

import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.sessionauth.account.UserGroup;
import dev.sessionauth.contract.RequestViolations;

/**
 * Body of POST /api/v1/groups: a name, and optionally a description. The checks answer in the contract's words (see
 * {@link RequestViolations}).
 */
@GroupSequence({ CreateGroupRequest.class, RequestViolations.Rules.class })
public record CreateGroupRequest(
        @Schema(description = "Unique", pattern = "^" + UserGroup.NAME_PATTERN
                + "$") @NotBlank(message = "name missing") @Pattern(regexp = UserGroup.NAME_PATTERN, message = CreateGroupRequest.CANNOT_CREATE
                        + "name must match " + UserGroup.NAME_PATTERN, groups = RequestViolations.Rules.class) String name,
        @Schema(description = "Surrounding white space is dropped; blank means none", maxLength = UserGroup.MAX_DESCRIPTION_LENGTH) @GroupDescription(groups = RequestViolations.Rules.class) String description) {

    static final String CANNOT_CREATE = "Can't create group: ";
}
