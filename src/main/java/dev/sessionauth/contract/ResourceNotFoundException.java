package dev.sessionauth.contract;

/** The addressed resource does not exist (or the route is unknown): 404 {"error":"Not found"}. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException() {
        super("Not found", null, false, false);
    }
}
