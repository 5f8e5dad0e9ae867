package dev.sessionauth.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Quarkus registers for reflection the types that resource methods return, so that a native image can serialise them,
 * but not the entities of exception mappers. Unregistered, such an entity has no serializer in a native image and every
 * error it carries becomes a 500; the JVM never shows it.
 */
class ExceptionMapperEntityTest {

    @Test
    void shouldRegisterForReflectionEveryEntityAnExceptionMapperAnswers() {
        Set<String> entities = new TreeSet<>();
        List<String> unregistered = new ArrayList<>();
        for (Class<?> type : ApplicationClasses.all(false)) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(ServerExceptionMapper.class)) {
                    Class<?> entity = entityOf(method.getGenericReturnType(), method);
                    entities.add(entity.getName());
                    if (!entity.isAnnotationPresent(RegisterForReflection.class)) {
                        unregistered.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + " -> "
                                + entity.getName());
                    }
                }
            }
        }
        assertFalse(entities.isEmpty(), "found the exception mappers");
        assertEquals(List.of(), unregistered, "exception mappers answering a type not registered for reflection");
    }

    /** The entity type of RestResponse<T>, also inside Uni or CompletionStage; a mapper must declare it. */
    private static Class<?> entityOf(Type returned, Method method) {
        if (returned instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type argument = parameterized.getActualTypeArguments()[0];
            if (raw == Uni.class || raw == CompletionStage.class) {
                return entityOf(argument, method);
            }
            if (raw == RestResponse.class && argument instanceof Class<?> entity) {
                return entity;
            }
        }
        throw new AssertionError(method + " must declare its entity type, as RestResponse<T>: a native image needs it "
                + "registered for reflection");
    }
}
