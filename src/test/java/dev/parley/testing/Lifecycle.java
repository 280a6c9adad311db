package dev.parley.testing;

import jakarta.annotation.PreDestroy;
import java.lang.reflect.Method;

/** Calls a bean's {@code @PreDestroy} method, as the container would when the application stops. */
public final class Lifecycle {

    private Lifecycle() {
    }

    public static void stop(Object bean) {
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(PreDestroy.class)) {
                    try {
                        method.setAccessible(true);
                        method.invoke(bean);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    return;
                }
            }
        }
    }
}
