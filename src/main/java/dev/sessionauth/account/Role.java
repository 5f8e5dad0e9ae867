package dev.sessionauth.account;

/** What a user may do: a plain user manages only their own record, an admin manages everyone. */
public enum Role {
    USER,
    ADMIN
}
