package dev.parley.testing;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The harness of every {@link ParleyIT} test: hands each test method its {@link Api} (of the class's first
 * backplane, or of the backplane an {@link EachBackplane} run is on), {@link ServerMetrics} of that deployment, and
 * {@link TestRooms}; runs each {@link EachBackplane} test once per backplane; stops the class's Redis afterwards.
 */
public class ParleyTests implements ParameterResolver, TestTemplateInvocationContextProvider, AfterAllCallback {

    private static ParleyIT test(ExtensionContext context) {
        ParleyIT test = context.getRequiredTestClass().getAnnotation(ParleyIT.class);
        if (test == null) {
            throw new IllegalStateException(context.getRequiredTestClass() + " needs @ParleyIT");
        }
        return test;
    }

    /** The base URL of the class's deployment on a backplane. */
    static URI base(ParleyIT test, TestedBackplane backplane) {
        return URI.create("http://localhost:" + System.getProperty("test.http.port") + "/"
                + backplane.deployment(test.value()) + "/");
    }

    /** The {@link Api} of the class's deployment on its first backplane, for extensions that build on this one. */
    public static Api api(ExtensionContext context) {
        ParleyIT test = test(context);
        return new Api(base(test, test.backplanes()[0]));
    }

    private static Object resolve(Class<?> type, ParleyIT test, TestedBackplane backplane, ExtensionContext context) {
        Api api = new Api(base(test, backplane));
        if (type == Api.class) {
            return api;
        }
        if (type == ServerMetrics.class) {
            return new ServerMetrics(api, backplane.deployment(test.value()));
        }
        return new TestRooms(context.getRequiredTestClass().getSimpleName().replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT).substring(0, 4));
    }

    private static boolean ours(Class<?> type) {
        return type == Api.class || type == ServerMetrics.class || type == TestRooms.class || type == RedisServer.class;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        boolean perBackplane = context.getTestMethod().map(m -> m.isAnnotationPresent(EachBackplane.class)).orElse(false);
        // in a run per backplane, the run's own resolver hands out the Api and the metrics
        return ours(type) && !(perBackplane && (type == Api.class || type == ServerMetrics.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ParleyIT test = test(context);
        if (parameter.getParameter().getType() == RedisServer.class) {
            // the redis-server of the class's Redis deployment
            return ParleyDeployments.REDIS.get(context.getRequiredTestClass());
        }
        return resolve(parameter.getParameter().getType(), test, test.backplanes()[0], context);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(EachBackplane.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        ParleyIT test = test(context);
        return Arrays.stream(test.backplanes()).map(backplane -> new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return backplane.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext parameter, ExtensionContext ignored) {
                        Class<?> type = parameter.getParameter().getType();
                        return type == Api.class || type == ServerMetrics.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext parameter, ExtensionContext invocation) {
                        return resolve(parameter.getParameter().getType(), test, backplane, invocation);
                    }
                });
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RedisServer redis = ParleyDeployments.REDIS.remove(context.getRequiredTestClass());
        if (redis != null) {
            redis.close();
        }
    }
}
