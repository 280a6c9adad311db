package dev.parley.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browsers of one test, each one person with an empty profile, at the page of the test's deployment; closed after
 * the test, the last started first, together with whatever else the test hands over. Given to test methods by
 * {@link BrowserTests}.
 */
public final class Browsers implements ExtensionContext.Store.CloseableResource {

    private final URI page;
    private final List<AutoCloseable> closing = new ArrayList<>();

    Browsers(URI page) {
        this.page = page;
    }

    /** The chat page of the test's deployment. */
    public String page() {
        return page.toString();
    }

    /** A new browser, closed after the test. */
    public Browser start() {
        return closeAfter(Browser.start());
    }

    /** A new person: a browser of their own at the page, joined to the room under this name and live. */
    public ChatPage join(String username, String room) {
        return start().open(page()).join(username, room).awaitLive();
    }

    /** Closes this too after the test, before what was handed over earlier. */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        closing.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception failed = null;
        List<AutoCloseable> newestFirst = new ArrayList<>(closing);
        Collections.reverse(newestFirst);
        closing.clear();
        for (AutoCloseable closeable : newestFirst) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
