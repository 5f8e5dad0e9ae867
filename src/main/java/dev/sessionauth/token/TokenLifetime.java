package dev.sessionauth.token;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.sessionauth.config.SessionAuthConfig;

/** A lifetime in days from 1 to the configured maximum (API_TOKEN_MAX_LIFETIME_DAYS); absent means the default. */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TokenLifetime.Check.class)
public @interface TokenLifetime {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * A bean, so that the maximum comes from the configuration. Read when a request is checked: Quarkus may create
     * its validators before the configuration mappings are there.
     */
    @Dependent
    class Check implements ConstraintValidator<TokenLifetime, Integer> {

        private final Provider<SessionAuthConfig> config;

        public Check(Provider<SessionAuthConfig> config) {
            this.config = config;
        }

        @Override
        public boolean isValid(Integer days, ConstraintValidatorContext context) {
            int maxDays = config.get().apiTokens().maxLifetimeDays();
            if (days == null || (days >= 1 && days <= maxDays)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                    CreateApiTokenRequest.CANNOT_CREATE + "expires_in_days must be between 1 and " + maxDays)
                    .addConstraintViolation();
            return false;
        }
    }
}
