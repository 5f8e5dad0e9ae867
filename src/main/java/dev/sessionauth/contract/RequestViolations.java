package dev.sessionauth.contract;

import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

/**
 * The contract answers a request that breaks several rules with the first of them, as its fields are listed: a
 * request record declares its Bean Validation checks in the contract's words, and this picks the one to tell. Bean
 * Validation reports violations in no particular order, so groups order the checks (a record checks that its fields
 * are there in its default group, then, by {@code @GroupSequence({TheRecord.class, Rules.class})}, what they hold),
 * and within a group the field declared first wins.
 */
public final class RequestViolations {

    /** The checks of what a field holds, made once every field is there. */
    public interface Rules {
    }

    private RequestViolations() {
    }

    /** The message of the violation the client is told about. */
    public static String firstMessage(ConstraintViolationException e) {
        Set<ConstraintViolation<?>> violations = e.getConstraintViolations();
        return violations.stream()
                .min(Comparator.comparingInt(RequestViolations::fieldPosition))
                .map(ConstraintViolation::getMessage)
                .orElse(InvalidRequestException.WRONG_FORMAT);
    }

    /** Where the violated field stands among the record's components; last when it is no record's field. */
    private static int fieldPosition(ConstraintViolation<?> violation) {
        Object bean = violation.getLeafBean();
        RecordComponent[] components = bean == null ? null : bean.getClass().getRecordComponents();
        if (components == null) {
            return Integer.MAX_VALUE;
        }
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            field = node.getName();
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(field)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
