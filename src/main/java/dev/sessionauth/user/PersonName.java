package dev.sessionauth.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A first or last name the users table can hold: at most 255 characters and no NUL, which PostgreSQL text cannot
 * hold (refused here instead of failing in the database). Absent (null) is fine. The message is the contract's
 * prefix, e.g. "Can't create User: ", followed by the field and its problem.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PersonName.Check.class)
public @interface PersonName {

    int MAX_LENGTH = 255;

    /** The field's name in the contract, e.g. first_name. */
    String field();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the length first, then for NUL. */
    class Check implements ConstraintValidator<PersonName, String> {

        private String prefix;

        @Override
        public void initialize(PersonName annotation) {
            prefix = annotation.message() + annotation.field();
        }

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            if (name == null) {
                return true;
            }
            String problem = name.length() > MAX_LENGTH ? " is too long"
                    : name.indexOf('\0') >= 0 ? " contains a NUL character" : null;
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(prefix + problem).addConstraintViolation();
            return false;
        }
    }
}
