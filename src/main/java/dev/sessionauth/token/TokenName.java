package dev.sessionauth.token;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A token name its owner can recognise: there and not blank ("name missing"), and once stripped of surrounding white
 * space at most 100 characters without control characters.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TokenName.Check.class)
public @interface TokenName {

    int MAX_LENGTH = 100;

    String message() default CreateApiTokenRequest.CANNOT_CREATE + "name must be at most " + MAX_LENGTH
            + " characters, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Blank is a missing name, as the contract words it, not a badly formed one. */
    class Check implements ConstraintValidator<TokenName, String> {

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            if (name == null || name.isBlank()) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("name missing").addConstraintViolation();
                return false;
            }
            String stripped = name.strip();
            return stripped.length() <= MAX_LENGTH && stripped.chars().noneMatch(Character::isISOControl);
        }
    }
}
