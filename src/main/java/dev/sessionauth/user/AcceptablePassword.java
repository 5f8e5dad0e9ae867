package dev.sessionauth.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A new password the {@link PasswordPolicy} accepts. The message is the contract's prefix, e.g. "Can't create User: ",
 * followed by the policy's reason. Absent (null) is left to a presence check.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Check.class)
public @interface AcceptablePassword {

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Asks the policy, a bean, so the list of common passwords is loaded once. A bean itself so Quarkus injects it;
     * dependent, so each use of the annotation keeps its own prefix.
     */
    @Dependent
    class Check implements ConstraintValidator<AcceptablePassword, String> {

        private final PasswordPolicy policy;
        private String prefix;

        public Check(PasswordPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void initialize(AcceptablePassword annotation) {
            prefix = annotation.message();
        }

        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            Optional<String> problem = password == null ? Optional.empty() : policy.problemWith(password);
            if (problem.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(prefix + problem.get()).addConstraintViolation();
            return false;
        }
    }
}
