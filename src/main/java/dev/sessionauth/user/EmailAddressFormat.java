package dev.sessionauth.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.sessionauth.account.EmailAddress;

/**
 * An email address as it will be stored (its canonical form) fits users.email and looks like an address. Absent
 * (null) is left to a presence check.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EmailAddressFormat.Check.class)
public @interface EmailAddressFormat {

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the canonical form, the one stored and compared. */
    class Check implements ConstraintValidator<EmailAddressFormat, String> {

        private static final int MAX_LENGTH = 254;
        /** Deliberately loose: one @, something on each side, a dot in the domain, no spaces or control characters. */
        private static final Pattern EMAIL = Pattern
                .compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

        @Override
        public boolean isValid(String email, ConstraintValidatorContext context) {
            if (email == null) {
                return true;
            }
            String canonical = EmailAddress.canonical(email);
            return canonical.length() <= MAX_LENGTH && EMAIL.matcher(canonical).matches();
        }
    }
}
