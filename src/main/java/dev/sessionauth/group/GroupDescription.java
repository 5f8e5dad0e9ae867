package dev.sessionauth.group;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.sessionauth.account.UserGroup;

/**
 * A group's description as the table holds it: once stripped of surrounding white space at most 500 characters,
 * without control characters (PostgreSQL text cannot hold NUL; the others have no place in a one-line description).
 * Absent or blank is fine: the group then has none.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = GroupDescription.Check.class)
public @interface GroupDescription {

    String message() default CreateGroupRequest.CANNOT_CREATE + "description must be at most "
            + UserGroup.MAX_DESCRIPTION_LENGTH + " characters, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the stripped text, which is what is stored. */
    class Check implements ConstraintValidator<GroupDescription, String> {

        @Override
        public boolean isValid(String description, ConstraintValidatorContext context) {
            if (description == null) {
                return true;
            }
            String stripped = description.strip();
            return stripped.length() <= UserGroup.MAX_DESCRIPTION_LENGTH
                    && stripped.chars().noneMatch(Character::isISOControl);
        }
    }
}
