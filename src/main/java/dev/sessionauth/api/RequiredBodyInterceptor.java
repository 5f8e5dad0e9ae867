package dev.sessionauth.api;

import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import dev.sessionauth.contract.InvalidRequestException;

/**
 * Refuses a request body that reads as nothing, an empty body or JSON null, with 400 "Wrong format" for every route
 * that takes one. The JSON reader hands such a body to the resource as null; no route accepts a missing body, and a
 * route that forgot to check met it as a NullPointerException, a 500.
 */
@Provider
public class RequiredBodyInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body == null) {
            throw new InvalidRequestException(InvalidRequestException.WRONG_FORMAT);
        }
        return body;
    }
}
