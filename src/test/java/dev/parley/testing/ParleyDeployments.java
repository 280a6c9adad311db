package dev.parley.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.DeploymentConfiguration;
import org.jboss.arquillian.container.test.impl.client.deployment.AnnotationDeploymentScenarioGenerator;
import org.jboss.arquillian.test.spi.TestClass;

/**
 * Arquillian's deployments for a {@link ParleyIT} class, made from its annotation instead of a {@code @Deployment}
 * method: the packaged WAR once per backplane, testable false (the tests are clients). A class without the
 * annotation keeps its {@code @Deployment} methods. Registered by {@link ParleyArquillian}.
 */
public class ParleyDeployments extends AnnotationDeploymentScenarioGenerator {

    /** The redis-server each test class's Redis deployment uses, stopped by {@link ParleyTests} after the class. */
    static final Map<Class<?>, RedisServer> REDIS = new ConcurrentHashMap<>();

    @Override
    protected List<DeploymentConfiguration> generateDeploymentContent(TestClass testClass) {
        ParleyIT test = testClass.getJavaClass().getAnnotation(ParleyIT.class);
        if (test == null) {
            return super.generateDeploymentContent(testClass);
        }
        List<DeploymentConfiguration> deployments = new ArrayList<>();
        for (TestedBackplane backplane : test.backplanes()) {
            Map<String, String> settings = settings(test.settings());
            if (backplane == TestedBackplane.REDIS) {
                RedisServer redis = REDIS.computeIfAbsent(testClass.getJavaClass(), type -> RedisServer.start());
                settings.put("parley.backplane", "redis");
                settings.put("parley.redis.url", redis.url());
            }
            String name = backplane.deployment(test.value());
            deployments.add(new DeploymentConfiguration.DeploymentContentBuilder(Deployments.parley(name, settings, test.clientLimits()))
                    .withDeployment().withName(name).withTestable(false).withManaged(true).build().get());
        }
        return deployments;
    }

    private static Map<String, String> settings(String[] pairs) {
        Map<String, String> settings = new HashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("a setting is key=value, not " + pair);
            }
            settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return settings;
    }
}
