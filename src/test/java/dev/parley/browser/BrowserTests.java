package dev.parley.browser;

import dev.parley.testing.ParleyIT;
import dev.parley.testing.ParleyTests;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The harness of the browser tests, on top of {@link ParleyIT}'s: a {@code @ParleyIT} class that extends with this
 * hands each test method its {@link Browsers}, at the page of the class's deployment and closed after the method (its
 * {@code Api}, {@code TestRooms} and {@code ServerMetrics} come from {@link ParleyTests}).
 */
public class BrowserTests implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserTests.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browsers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // kept in the test method's store, which JUnit closes once the method and its @AfterEach are done
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Browsers.class,
                type -> new Browsers(ParleyTests.api(context).base()), Browsers.class);
    }
}
