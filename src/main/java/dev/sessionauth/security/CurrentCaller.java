package dev.sessionauth.security;

import jakarta.enterprise.context.RequestScoped;

/** Holds the caller the authentication filter established for this request. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** Called only by the request gate, once it has authenticated the request. */
    public void set(Caller caller) {
        this.caller = caller;
    }

    /** The authenticated caller; protected routes never run without one. */
    public Caller get() {
        if (caller == null) {
            throw new NotAuthenticatedException();
        }
        return caller;
    }
}
