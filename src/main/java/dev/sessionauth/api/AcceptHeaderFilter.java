package dev.sessionauth.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import dev.sessionauth.contract.InvalidRequestException;

/**
 * Refuses a request whose Accept header cannot be parsed (400 "Wrong format") before Quarkus REST negotiates the
 * answer's type with it: its parser throws on such a header while the answer is being written, too late for the
 * error mapping, and the client got a 500. The refusal itself is written without reading Accept (see ErrorMapper).
 * It only parses a string, so running on the event loop, as pre-matching filters do, is fine.
 */
@PreMatching
@Provider
public class AcceptHeaderFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && !isParsable(accept)) {
            throw new InvalidRequestException(InvalidRequestException.WRONG_FORMAT);
        }
    }

    /** Parsed as Quarkus REST parses it: media types separated by commas, each as MediaType.valueOf reads it. */
    static boolean isParsable(String accept) {
        try {
            for (String mediaType : accept.split(",")) {
                MediaType.valueOf(mediaType.trim());
            }
            return true;
        } catch (RuntimeException unparsable) {
            // IllegalArgumentException as a rule; whatever else the parser throws would fail Quarkus REST just the same.
            return false;
        }
    }
}
