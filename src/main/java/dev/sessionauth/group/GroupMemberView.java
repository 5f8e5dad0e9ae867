package dev.sessionauth.group;

import dev.sessionauth.account.GroupMember;
import dev.sessionauth.contract.ApiTimestamps;

/** A member in a group's member list: who, and since when. */
public record GroupMemberView(String id, String email, String firstName, String lastName, String addedAt) {

    static GroupMemberView of(GroupMember.Listed member) {
        return new GroupMemberView(member.user().id.toString(), member.user().email, member.user().firstName,
                member.user().lastName, ApiTimestamps.format(member.addedAt()));
    }
}
