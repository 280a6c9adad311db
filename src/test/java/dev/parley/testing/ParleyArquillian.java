package dev.parley.testing;

import org.jboss.arquillian.container.test.impl.client.deployment.AnnotationDeploymentScenarioGenerator;
import org.jboss.arquillian.container.test.spi.client.deployment.DeploymentScenarioGenerator;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Puts {@link ParleyDeployments} in the place of Arquillian's own generator of deployments. */
public class ParleyArquillian implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeploymentScenarioGenerator.class, AnnotationDeploymentScenarioGenerator.class,
                ParleyDeployments.class);
    }
}
