package dev.sessionauth.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an endpoint that takes a form body, so that a body Quarkus REST cannot read as a form is answered 400 "Wrong
 * format" instead of 500: the error mapper recognises such a failure by it having happened on this endpoint before
 * the form was read. An endpoint that reads a form without this mark answers such a body with a logged 500.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ReadsForm {
}
