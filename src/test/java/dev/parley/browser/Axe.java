package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * axe-core, as npm installed it (package.json pins it; Maven runs npm ci before the integration tests), run on the
 * page as it is now. A failure lists each violation with its rule, impact, help and the elements at fault.
 */
public final class Axe {

    private static final Path SCRIPT = Path.of(System.getProperty("parley.axe", "node_modules/axe-core/axe.min.js"));

    private Axe() {
    }

    /** The violations axe-core finds on the page now, as readable text (empty when there are none). */
    public static String violations(ChatPage page) {
        String source;
        try {
            source = Files.readString(SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run npm ci (Maven does, before the integration tests)", e);
        }
        page.script("if (!window.axe) { " + source + "\n}");
        String json = (String) page.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] })"
                        + ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}])));");
        JsonArray violations = Json.createReader(new StringReader(json)).readArray();
        return violations.stream().map(JsonValue::asJsonObject).map(Axe::describe).collect(Collectors.joining("\n"));
    }

    public static void assertNoViolations(ChatPage page, String state) {
        String found = violations(page);
        if (!found.isEmpty()) {
            fail("axe-core found violations in the " + state + " state:\n" + found);
        }
    }

    private static String describe(JsonObject violation) {
        String nodes = violation.getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                .map(node -> "    " + node.getJsonArray("target") + ": "
                        + node.getString("failureSummary", "").replace("\n", " "))
                .collect(Collectors.joining("\n"));
        return "- " + violation.getString("id") + " (" + violation.getString("impact", "?") + "): "
                + violation.getString("help", "") + "\n" + nodes;
    }
}
