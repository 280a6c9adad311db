package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Api.Login;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

/**
 * The admin console (/admin) in real headless Chromium against Open Liberty, whose registry holds the build's test
 * moderator and admin: health and traffic, a room's members kicked and names banned and lifted, slow mode, a message
 * deleted, each after a confirmation; the audit; refusals said plainly, without the browser's own login dialog.
 */
@ParleyIT(value = "browser-admin", settings = {"parley.keepalive-seconds=1", "parley.presence.grace-seconds=1",
        "parley.rate.messages=1000"})
@ExtendWith(BrowserTests.class)
class BrowserAdminIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Login ADMIN = Login.admin();
    private static final Login MODERATOR = Login.moderator();

    private static AdminPage console(Browsers browsers) {
        return AdminPage.open(browsers.start(), browsers.page() + "admin/");
    }

    /** A member's stream, open and past its retry line, closed after the test. */
    private static EventReader stream(Api api, Browsers browsers, Api.Member member) {
        EventReader reader = browsers.closeAfter(api.stream(member));
        reader.awaitRetry(ChatPage.WAIT);
        return reader;
    }

    private static JsonArray asModerator(Api api, String path) {
        HttpResponse<String> response = api.send(api.as(MODERATOR, path).GET());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Api.array(response);
    }

    /** A number as the console shows it ("1,234", "2.5"); -1 for "–", none yet. */
    private static double number(String shown) {
        return shown == null || shown.equals("–") ? -1 : Double.parseDouble(shown.replace(",", ""));
    }

    @Test
    void anAdminSeesHealthAndTrafficKicksBansLiftsSetsSlowModeDeletesAndReadsTheAudit(Api api, TestRooms rooms,
                                                                                    Browsers browsers) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        Api.Member ari = api.join(room, "ari");
        Api.Member carol = api.join(room, "carol");
        String offensive = api.say(carol, "offensive-0xBAD").getString("id");
        EventReader watcher = browsers.closeAfter(api.watch(room));
        watcher.awaitRetry(ChatPage.WAIT);
        EventReader bobs = stream(api, browsers, bob);
        stream(api, browsers, ari);

        Browser browser = browsers.start();
        AdminPage admin = AdminPage.open(browser, browsers.page() + "admin/").signIn(ADMIN);
        admin.await(d -> admin.signedIn(), () -> "the sign-in form: " + admin.signInError());
        assertEquals("", admin.signInError(), "signed in without a word of refusal");
        admin.await(d -> "UP".equals(admin.health("ready")) && "UP".equals(admin.health("live")),
                () -> "readiness " + admin.health("ready") + ", liveness " + admin.health("live"));
        admin.await(d -> admin.checks("ready").stream().anyMatch(c -> c.matches("streams UP .*\\bopen=[0-9]+\\b.*")
                && c.contains(" max=") && c.contains(" stopping=false")),
                () -> "the checks " + admin.checks("ready"));
        assertTrue(admin.checks("ready").contains("backplane UP kind=memory"), "each check with its data: " + admin.checks("ready"));
        assertTrue(admin.checks("live").stream().anyMatch(c -> c.startsWith("writers UP")), admin.checks("live").toString());
        admin.await(d -> number(admin.metric("streams")) >= 3 && number(admin.metric("members")) >= 2,
                () -> "streams " + admin.metric("streams") + ", members " + admin.metric("members"));
        assertEquals("0", admin.metric("slow"), "no slow reader dropped");
        // a rate needs two readings of the counter a few seconds apart (the page reads every 5 s)
        admin.await(d -> !"–".equals(admin.metric("deliveries")), () -> "no deliveries per second");
        assertTrue(number(admin.metric("deliveries")) >= 0, "deliveries per second: " + admin.metric("deliveries"));

        admin.await(d -> admin.rooms().contains(room + "|2 here"), () -> "the rooms " + admin.rooms());
        admin.openRoom(room);
        admin.await(d -> admin.members(room).stream().sorted().toList().equals(List.of("ari", "bob")),
                () -> "the members " + admin.members(room));

        // kick: asked first, Cancel focused, then done
        admin.inRoom(room, "[data-kick='bob']").click();
        admin.await(d -> admin.dialogOpen(), () -> "no dialog");
        assertEquals("Kick bob from " + room + "?", admin.dialogTitle(), "the dialog says whom and where");
        assertEquals("askCancel", admin.focused(), "Cancel has the focus first, so a stray Enter does nothing");
        admin.confirm();
        admin.await(d -> !admin.dialogOpen() && "Kicked bob.".equals(admin.roomNote(room)),
                () -> "the note '" + admin.roomNote(room) + "', the dialog's error '" + admin.dialogError() + "'");
        bobs.awaitEnd(ChatPage.WAIT);
        watcher.await(e -> e.type().equals("userdisconnect") && e.data().contains("\"bob\""), ChatPage.WAIT, "bob's userdisconnect");
        assertEquals(401, api.post(bob, "still here?").statusCode(), "the kicked token answers 401");
        admin.await(d -> admin.members(room).equals(List.of("ari")), () -> "the members " + admin.members(room));
        assertEquals(List.of("ari"), asModerator(api, "api/rooms/" + room + "/members").stream()
                .map(m -> m.asJsonObject().getString("username")).toList(), "the API agrees: only ari is left");

        // ban a name: Escape cancels the first time, and nothing is banned
        admin.type(room, "ban-name", "mallory");
        admin.type(room, "ban-reason", "spam links", Keys.ENTER);
        admin.await(d -> admin.dialogOpen(), () -> "no dialog");
        assertEquals("Ban mallory from " + room + "?", admin.dialogTitle());
        assertTrue(admin.dialogText().startsWith("For 10 minutes (until "), admin.dialogText());
        admin.press(Keys.ESCAPE);
        admin.await(d -> !admin.dialogOpen(), () -> "the dialog still open");
        assertEquals(0, asModerator(api, "api/rooms/" + room + "/bans").size(), "a cancelled ban bans nobody");
        admin.inRoom(room, "[data-ban-form] button[type=submit]").click();
        admin.await(d -> admin.dialogOpen(), () -> "no dialog");
        admin.confirm();
        admin.await(d -> admin.bans(room).stream().anyMatch(b -> b.startsWith("mallory: until ") && b.contains("spam links")
                && b.contains("by " + ADMIN.user())), () -> "the bans " + admin.bans(room) + ", the dialog's error '"
                + admin.dialogError() + "'");
        JsonArray bans = asModerator(api, "api/rooms/" + room + "/bans");
        assertEquals("mallory", bans.getJsonObject(0).getString("username"), "the API lists the ban: " + bans);

        // slow mode
        admin.type(room, "slow", "30");
        admin.inRoom(room, "[data-slow-form] button[type=submit]").click();
        admin.await(d -> admin.dialogOpen(), () -> "no dialog");
        assertEquals("Set slow mode in " + room + " to 30 s?", admin.dialogTitle());
        admin.confirm();
        admin.await(d -> "On: one message per member every 30 s.".equals(admin.slowMode(room)),
                () -> "slow mode '" + admin.slowMode(room) + "', the dialog's error '" + admin.dialogError() + "'");
        assertEquals(30, Api.object(api.get("api/rooms/" + room + "/slow-mode")).getInt("seconds"), "GET slow-mode");

        admin.await(d -> admin.audit().size() >= 3, () -> "the audit " + admin.audit() + " " + admin.auditNote());
        Axe.assertNoViolations(admin.asChatPage(), "admin console, a room open");
        browser.windowSize(1280, 1400);
        admin.script("window.scrollTo(0, 0)");
        assertEquals("", admin.overflowing(), "no sideways scrolling at 1280 px");
        browser.screenshot(SHOTS.resolve("admin.png"));
        browser.colorScheme("dark");
        Axe.assertNoViolations(admin.asChatPage(), "admin console, dark");
        browser.screenshot(SHOTS.resolve("admin-dark.png"));
        browser.colorScheme("light");
        browser.windowSize(390, 844);
        assertEquals("", admin.overflowing(), "no sideways scrolling at 390 px");
        Axe.assertNoViolations(admin.asChatPage(), "admin console, phone");
        browser.windowSize(1100, 760);

        // lift the ban
        admin.inRoom(room, "[data-lift='mallory']").click();
        admin.await(d -> admin.dialogOpen(), () -> "no dialog");
        assertEquals("askCancel", admin.focused(), "Cancel first here too");
        admin.confirm();
        admin.await(d -> admin.bans(room).isEmpty(), () -> "the bans " + admin.bans(room));
        assertEquals(0, asModerator(api, "api/rooms/" + room + "/bans").size(), "lifted");

        // delete carol's message by its id
        admin.type(room, "delete-id", offensive, Keys.ENTER);
        admin.await(d -> admin.dialogOpen(), () -> "no dialog");
        assertEquals("Delete message " + offensive + " in " + room + "?", admin.dialogTitle());
        admin.confirm();
        admin.await(d -> ("Deleted message " + offensive + ".").equals(admin.roomNote(room)),
                () -> "the note '" + admin.roomNote(room) + "', the dialog's error '" + admin.dialogError() + "'");
        JsonObject tombstone = Api.array(api.get("api/rooms/" + room + "/messages")).getJsonObject(0);
        assertEquals("moderator", tombstone.getString("by"), "a moderator's tombstone: " + tombstone);
        assertFalse(tombstone.containsKey("text"), "the text is gone");

        // the audit, newest first: every action, by the admin
        List<String> expected = List.of(
                ADMIN.user() + " delete " + room + " " + offensive + " by carol",
                ADMIN.user() + " unban " + room + " mallory",
                ADMIN.user() + " slow-mode " + room + " " + room + " 30 s",
                ADMIN.user() + " kick " + room + " bob");
        admin.await(d -> admin.audit().stream().filter(row -> row.contains(" " + room + " ")).count() == 5,
                () -> "the audit " + admin.audit());
        List<String> mine = admin.audit().stream().filter(row -> row.contains(" " + room + " ")).toList();
        assertEquals(expected.subList(0, 3), mine.subList(0, 3), "the newest actions first: " + mine);
        assertTrue(mine.get(3).startsWith(ADMIN.user() + " ban " + room + " mallory spam links · until "), mine.get(3));
        assertEquals(expected.get(3), mine.get(4), "the kick, first of all");
    }

    @Test
    void aWrongPasswordIsRefusedPlainlyAndTheBrowserNeverAsksForCredentials(Browsers browsers) {
        AdminPage page = console(browsers);
        List<String> challenged = new CopyOnWriteArrayList<>();
        try (Cdp cdp = Cdp.attach(page.driver())) {
            // Chrome DevTools hears of every 401 challenge that a headed Chromium would answer with its login dialog
            cdp.on("Fetch.requestPaused", paused -> cdp.send("Fetch.continueRequest",
                    Json.createObjectBuilder().add("requestId", paused.getString("requestId")).build()));
            cdp.on("Fetch.authRequired", asked -> {
                challenged.add(asked.getJsonObject("request").getString("url"));
                cdp.send("Fetch.continueWithAuth", Json.createObjectBuilder().add("requestId", asked.getString("requestId"))
                        .add("authChallengeResponse", Json.createObjectBuilder().add("response", "CancelAuth")).build());
            });
            cdp.send("Fetch.enable", Json.createObjectBuilder().add("handleAuthRequests", true)
                    .add("patterns", Json.createArrayBuilder().add(Json.createObjectBuilder().add("urlPattern", "*/api/*"))).build());

            page.signIn(ADMIN.user(), "wrong");
            page.await(d -> !page.signInError().isEmpty(), () -> "no refusal");
            assertEquals("Not signed in: The user name or password is wrong.", page.signInError(), "the server's detail, plainly");
            assertEquals("true", page.script("return document.getElementById('admin-password').getAttribute('aria-invalid')"),
                    "the password is marked");
            assertFalse(page.signedIn(), "still at the sign-in form");
            assertEquals(List.of(), challenged, "no login dialog: the console's refusals carry no challenge");

            // the reason for the console's header: the same refused fetch without it makes Chromium ask for credentials
            Object status = page.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('../api/audit', { headers: { Authorization: 'Basic ' + btoa('nobody:wrong') } })"
                    + ".then(r => done(r.status), e => done(String(e)))");
            assertEquals(401L, status, "refused");
            assertEquals(1, challenged.size(), "Chromium asks for credentials even after a script sent its own: " + challenged);
        }
        Axe.assertNoViolations(page.asChatPage(), "admin sign-in, refused");
    }

    @Test
    void aModeratorSeesTheAuditRefusedPlainly(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        stream(api, browsers, api.join(room, "zoe"));
        AdminPage moderator = console(browsers).signIn(MODERATOR);
        moderator.await(d -> moderator.signedIn(), () -> "the sign-in form: " + moderator.signInError());
        moderator.await(d -> !moderator.auditNote().isEmpty(), () -> "the audit " + moderator.audit());
        assertEquals("Admins only: This needs the role admin.", moderator.auditNote(), "the 403 said plainly");
        assertFalse(moderator.auditShown(), "no audit table");
        moderator.await(d -> moderator.rooms().contains(room + "|1 here"), () -> "the rooms " + moderator.rooms());
        moderator.openRoom(room);
        moderator.await(d -> moderator.members(room).equals(List.of("zoe")), () -> "the members " + moderator.members(room));
    }

    @Test
    void theConsoleIsAtAdminWithOrWithoutTheSlashUnderTheContentSecurityPolicy(Api api, Browsers browsers) {
        HttpResponse<String> page = api.get("admin/");
        assertEquals(200, page.statusCode(), "the console's page");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"),
                "under the page's policy: " + page.headers().map());
        AdminPage slashless = AdminPage.open(browsers.start(), browsers.page() + "admin");
        assertTrue(slashless.driver().getCurrentUrl().endsWith("/admin/"), slashless.driver().getCurrentUrl());
        assertEquals("Parley admin", slashless.driver().getTitle(), "the console, with its styles and script");
    }
}
