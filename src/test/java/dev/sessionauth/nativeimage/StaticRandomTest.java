package dev.sessionauth.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Quarkus initialises application classes while it builds a native image, so whatever their static fields hold is
 * frozen into the executable. native-image refuses a random generator there: every executable would start from the
 * seed it had at build time. The generators must be made at run time instead.
 */
class StaticRandomTest {

    @Test
    void shouldKeepNoRandomGeneratorInAStaticFieldOfAnApplicationClass() throws IllegalAccessException {
        List<Class<?>> classes = ApplicationClasses.all(true);
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive() && holdsRandom(field)) {
                    offenders.add(type.getName() + "." + field.getName());
                }
            }
        }
        assertTrue(classes.size() > 50, "found the application's classes: " + classes.size());
        assertEquals(List.of(), offenders, "static fields holding a random generator");
    }

    private static boolean holdsRandom(Field field) throws IllegalAccessException {
        if (Random.class.isAssignableFrom(field.getType()) || SplittableRandom.class.isAssignableFrom(field.getType())) {
            return true;
        }
        field.setAccessible(true);
        Object value = field.get(null);
        return value instanceof Random || value instanceof SplittableRandom;
    }
}
