package dev.parley.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test of the packaged WAR on a real Open Liberty: the class is deployed once per backplane it names,
 * with its settings laid over the defaults ({@link ParleyDeployments}), and its tests run as a client. Test methods
 * take what they need as parameters ({@link ParleyTests}): {@link Api}, {@link TestRooms}, {@link ServerMetrics};
 * {@link EachBackplane} runs a test once per backplane.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// ParleyTests first, so that its after-all (stopping Redis) runs after Arquillian has undeployed
@ExtendWith({ParleyTests.class, ArquillianExtension.class})
public @interface ParleyIT {

    /** The deployment's name, which is also its context root. */
    String value();

    /** Settings laid over microprofile-config.properties, each {@code key=value}. */
    String[] settings() default {};

    TestedBackplane[] backplanes() default TestedBackplane.MEMORY;

    /**
     * Whether the limits per client keep their defaults. Every test comes from 127.0.0.1, so they are lifted unless a
     * test is about them ({@link Deployments#UNLIMITED_CLIENT}).
     */
    boolean clientLimits() default false;
}
