package dev.parley.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place integration tests get their deployment: the WAR the build just packaged, with the test's
 * configuration laid over the defaults, so every test runs the real artifact.
 */
public final class Deployments {

    private static final String CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

    /** The limits per client, out of the way of tests that are not about them. */
    public static final Map<String, String> UNLIMITED_CLIENT = Map.of(
            "parley.clients.max-requests", "100000",
            "parley.clients.joins-per-minute", "100000",
            "parley.clients.max-names", "100000",
            "parley.clients.posts", "100000000",
            "parley.clients.max-streams", "100000");

    private Deployments() {
    }

    /** Settings as the environment variables of a server started on its own (MicroProfile Config's mapping). */
    public static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new java.util.HashMap<>();
        settings.forEach((key, value) -> environment.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return environment;
    }

    public static WebArchive parley(String name, Map<String, String> overrides) {
        return parley(name, overrides, false);
    }

    /** The WAR with these settings; the limits per client are lifted unless they are to keep their defaults. */
    public static WebArchive parley(String name, Map<String, String> overrides, boolean clientLimits) {
        File war = new File(System.getProperty("parley.war", "target/parley.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, name + ".war").importFrom(war).as(WebArchive.class);
        Properties config = new Properties();
        try (InputStream defaults = archive.get(CONFIG).getAsset().openStream()) {
            config.load(defaults);
            // tags this deployment's metrics mp_app="<name>", so that tests tell apart the deployments of a server
            config.put("mp.metrics.appName", name);
            // every test comes from 127.0.0.1: the limits per client are lifted, but for the tests of those limits
            if (!clientLimits) {
                config.putAll(UNLIMITED_CLIENT);
            }
            config.putAll(overrides);
            StringWriter merged = new StringWriter();
            config.store(merged, "defaults with the overrides of " + name);
            archive.delete(CONFIG);
            archive.add(new StringAsset(merged.toString()), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    public static WebArchive parley(String name) {
        return parley(name, Map.of());
    }
}
