package dev.sessionauth.api;

import java.nio.channels.ClosedChannelException;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import io.vertx.core.http.HttpClosedException;

/**
 * Recognises a request body that Quarkus REST could not read but reported with general exception types, which
 * otherwise mean bugs: the client's fault, a 400, not a 500. What each type is, and which Quarkus version and tests
 * pin it, is said where it is checked.
 */
final class UnreadableBodies {

    private UnreadableBodies() {
    }

    static boolean isUnreadableBody(Throwable e, ContainerRequestContext request, ResourceInfo resource) {
        return isUnreadableForm(e, request, resource) || causedByClosedConnection(e);
    }

    /**
     * Whether Quarkus REST's form reader failed on a form body, before any endpoint code ran: bad percent-encoding,
     * an unknown charset, more fields than quarkus.http.limits.max-form-fields. It documents no type for these; 3.33.2
     * throws IllegalArgumentException (UnsupportedCharsetException among them), StringIndexOutOfBoundsException and
     * a plain RuntimeException, as UnreadableRequestTest.shouldAnswer400ForALoginFormThatCannotBeRead and
     * HostileInputTest (HostileRequests' form cases) pin. As these types also mean bugs, the failure must also have
     * come on a form endpoint before its form was read ({@link FormReadMarker}).
     */
    private static boolean isUnreadableForm(Throwable e, ContainerRequestContext request, ResourceInfo resource) {
        boolean formReaderType = e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException
                || e.getClass() == RuntimeException.class;
        return formReaderType && FormReadMarker.failedReadingForm(request, resource);
    }

    /**
     * A connection that closed while the body was read, reported inside another exception (Quarkus REST 3.33.2 wraps
     * it in IOExceptions, which are mapped as such; this catches any other wrapper).
     */
    private static boolean causedByClosedConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
