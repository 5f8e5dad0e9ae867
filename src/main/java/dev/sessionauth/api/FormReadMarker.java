package dev.sessionauth.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;

import dev.sessionauth.contract.ReadsForm;

/**
 * Notes on a {@link ReadsForm} endpoint's request that Quarkus REST has read its form body. {@link WithFormRead} is
 * what places this filter after the form reader (other filters run before it), so a failure on such an endpoint
 * while the note is missing happened while the form was being read.
 */
public class FormReadMarker {

    private static final String FORM_READ = FormReadMarker.class.getName() + ".read";

    @ServerRequestFilter
    @WithFormRead
    @ReadsForm
    public void markFormRead(ContainerRequestContext request) {
        request.setProperty(FORM_READ, Boolean.TRUE);
    }

    /** Whether the request was bound for a {@link ReadsForm} endpoint and failed before its form was read. */
    static boolean failedReadingForm(ContainerRequestContext request, ResourceInfo resource) {
        boolean readsForm = resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(ReadsForm.class);
        return readsForm && request.getProperty(FORM_READ) == null;
    }
}
