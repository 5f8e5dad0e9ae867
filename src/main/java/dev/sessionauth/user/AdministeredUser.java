package dev.sessionauth.user;

import java.util.UUID;

import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.contract.UuidPathParam;
import dev.sessionauth.security.Caller;

/** The user id of an administrators-only route: 403 for anyone else whatever the id, 404 for an id that is no UUID. */
final class AdministeredUser {

    private AdministeredUser() {
    }

    static UUID resolve(Caller caller, String id) {
        caller.requireAdmin();
        return UuidPathParam.parse(id).orElseThrow(ResourceNotFoundException::new);
    }
}
