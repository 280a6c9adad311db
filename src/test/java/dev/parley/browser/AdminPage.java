package dev.parley.browser;

import dev.parley.testing.Api.Login;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console (/admin) as a moderator sees it, found by its data- attributes; read in one script per question. */
public final class AdminPage {

    private final ChromeDriver driver;

    AdminPage(ChromeDriver driver) {
        this.driver = driver;
    }

    public static AdminPage open(Browser browser, String url) {
        browser.driver().get(url);
        AdminPage page = new AdminPage(browser.driver());
        page.await(d -> d.findElement(By.id("admin-user")).isDisplayed());
        return page;
    }

    /** The same tab as a ChatPage, for what takes one (axe-core). */
    public ChatPage asChatPage() {
        return new ChatPage(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public AdminPage signIn(Login login) {
        return signIn(login.user(), login.password());
    }

    public AdminPage signIn(String user, String password) {
        WebElement name = driver.findElement(By.id("admin-user"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = driver.findElement(By.id("admin-password"));
        secret.clear();
        // Enter in the password field, as a person signs in
        secret.sendKeys(password, Keys.ENTER);
        return this;
    }

    public boolean signedIn() {
        return Boolean.TRUE.equals(script("return !document.querySelector('[data-view=console]').hidden"));
    }

    public String signInError() {
        return text("[data-sign-in-error]");
    }

    /** Readiness ("ready") or liveness ("live"): UP, DOWN, or UNKNOWN when it could not be read; empty before. */
    public String health(String kind) {
        return text("[data-health='" + kind + "'] [data-health-state]");
    }

    /** Each check of readiness or liveness as "name STATE key=value …". */
    @SuppressWarnings("unchecked")
    public List<String> checks(String kind) {
        return (List<String>) script("return [...document.querySelectorAll(`[data-health='${arguments[0]}'] [data-check]`)]"
                + ".map(c => [c.querySelector('.check-name').textContent, c.querySelector('.state').textContent,"
                + " ...[...c.querySelectorAll('.check-data div')].map(d => d.querySelector('dt').textContent + '='"
                + " + d.querySelector('dd').textContent)].join(' '))", kind);
    }

    /** One of the numbers: streams, members, deliveries, slow. */
    public String metric(String name) {
        return text("[data-metric='" + name + "']");
    }

    /** The rooms listed, each as "name|count". */
    @SuppressWarnings("unchecked")
    public List<String> rooms() {
        return (List<String>) script("return [...document.querySelectorAll('[data-admin-rooms] [data-room]')].map(r =>"
                + " r.dataset.room + '|' + r.querySelector('[data-room-count]').textContent)");
    }

    /** Opens a room's details with the keyboard, as a person would: focus its summary, press Enter. */
    public void openRoom(String room) {
        WebElement summary = await(d -> d.findElement(By.cssSelector(roomSelector(room) + " summary")));
        script("arguments[0].focus()", summary);
        summary.sendKeys(Keys.ENTER);
        await(d -> Boolean.TRUE.equals(script("return document.querySelector(arguments[0]).open",
                roomSelector(room) + " details")));
    }

    @SuppressWarnings("unchecked")
    public List<String> members(String room) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(m => m.dataset.member)",
                roomSelector(room) + " [data-member]");
    }

    /** The bans shown, as "username: until … · reason · by …". */
    @SuppressWarnings("unchecked")
    public List<String> bans(String room) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(b => b.dataset.ban + ': '"
                + " + b.querySelector('.help').textContent)", roomSelector(room) + " [data-ban]");
    }

    public String slowMode(String room) {
        return text(roomSelector(room) + " [data-slow-now]");
    }

    public String roomNote(String room) {
        return text(roomSelector(room) + " [data-room-note]");
    }

    public String formError(String room, String form) {
        return text(roomSelector(room) + " [data-" + form + "-form] [data-form-error]");
    }

    /** A button or field in a room, by a CSS selector within it. */
    public WebElement inRoom(String room, String selector) {
        return driver.findElement(By.cssSelector(roomSelector(room) + " " + selector));
    }

    /** Types into a room's field (replacing what is there). */
    public void type(String room, String id, CharSequence... keys) {
        WebElement field = driver.findElement(By.id(id + "-" + room));
        field.clear();
        field.sendKeys(keys);
    }

    public boolean dialogOpen() {
        return Boolean.TRUE.equals(script("return document.querySelector('[data-ask]').open"));
    }

    public String dialogTitle() {
        return text("[data-ask-title]");
    }

    public String dialogText() {
        return text("[data-ask-text]");
    }

    public String dialogError() {
        return text("[data-ask-error]");
    }

    /** What has the focus: its data- attribute names (space separated), or its id, or its tag. */
    public String focused() {
        return (String) script("const e = document.activeElement; const data = Object.keys(e.dataset);"
                + " return data.length ? data.join(' ') : e.id || e.tagName.toLowerCase()");
    }

    public void confirm() {
        driver.findElement(By.cssSelector("[data-ask-ok]")).click();
    }

    public void press(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    /** The audit rows shown, newest first, each as "actor action room target reason·detail". */
    @SuppressWarnings("unchecked")
    public List<String> audit() {
        return (List<String>) script("return [...document.querySelectorAll('[data-audit] tbody tr')].map(r =>"
                + " [...r.cells].slice(1).map(c => c.textContent).join(' ').trim())");
    }

    public boolean auditShown() {
        return Boolean.FALSE.equals(script("return document.querySelector('[data-audit]').hidden"));
    }

    public String auditNote() {
        return text("[data-audit-note]");
    }

    public void refresh() {
        driver.findElement(By.cssSelector("[data-refresh]")).click();
    }

    /** Whether the page fits its width; if not, the elements that stick out, to say which. */
    public String overflowing() {
        return (String) script("if (document.documentElement.scrollWidth <= innerWidth) return '';"
                + " return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width))"
                + ".join(', ')");
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return await(condition, () -> "the console");
    }

    /** Waits for the condition; a timeout says what was awaited and what the page showed then. */
    public <T> T await(Function<WebDriver, T> condition, Supplier<String> shown) {
        return new WebDriverWait(driver, ChatPage.WAIT).pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> "the page shows " + shown.get()).until(condition);
    }

    private String text(String selector) {
        return (String) script("return document.querySelector(arguments[0])?.textContent ?? null", selector);
    }

    private static String roomSelector(String room) {
        return "[data-admin-rooms] [data-room='" + room + "']";
    }
}
