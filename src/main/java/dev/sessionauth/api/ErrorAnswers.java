package dev.sessionauth.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.contract.ErrorResponse;

/** Builds the contract's {"error": "..."} answers for {@link ErrorMapper} and the gate of unrouted requests. */
public final class ErrorAnswers {

    private ErrorAnswers() {
    }

    public static RestResponse<ErrorResponse> error(Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    /**
     * The type is set so that writing the answer never negotiates with the request's Accept header, which may be
     * what made the request fail.
     */
    static RestResponse<ErrorResponse> error(int status, String message) {
        return RestResponse.ResponseBuilder.<ErrorResponse> create(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(message))
                .build();
    }

    /** The same answer with one more header. */
    static RestResponse<ErrorResponse> withHeader(RestResponse<ErrorResponse> answer, String name, Object value) {
        return RestResponse.ResponseBuilder.fromResponse(answer).header(name, value).build();
    }
}
