package dev.parley.browser;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page as a person sees it, found by its data- attributes and roles. */
public final class ChatPage {

    public static final Duration WAIT = Duration.ofSeconds(20);

    /** One line of the conversation. */
    public record Message(String username, String text, boolean mine) {
    }

    private final ChromeDriver driver;

    ChatPage(ChromeDriver driver) {
        this.driver = driver;
    }

    public ChatPage join(String username, String room) {
        WebElement name = await(d -> d.findElement(By.id("username")));
        name.clear();
        name.sendKeys(username);
        WebElement roomInput = driver.findElement(By.id("room"));
        roomInput.clear();
        roomInput.sendKeys(room);
        driver.findElement(By.cssSelector("[data-join-form] button[type=submit]")).click();
        return this;
    }

    public ChatPage awaitLive() {
        await(d -> "live".equals(d.findElement(By.cssSelector("[data-status]")).getAttribute("data-state")));
        return this;
    }

    public String state() {
        return driver.findElement(By.cssSelector("[data-status]")).getAttribute("data-state");
    }

    public void send(String text) {
        WebElement input = driver.findElement(By.id("message"));
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            }
            input.sendKeys(lines[i]);
        }
        input.sendKeys(Keys.ENTER);
    }

    /** Sends, and waits until the page shows the text. */
    public void sendAndAwait(String text) {
        send(text);
        await(d -> texts().contains(text));
    }

    public String draft() {
        return driver.findElement(By.id("message")).getDomProperty("value");
    }

    /** The conversation as shown, read in one go (the page may re-render between two element lookups). */
    @SuppressWarnings("unchecked")
    public List<Message> messages() {
        List<List<Object>> rows = (List<List<Object>>) driver.executeScript(
                "return [...document.querySelectorAll('[data-log] .message')].map(m => "
                        + "[m.dataset.username, m.querySelector('.text')?.textContent ?? null, m.classList.contains('mine')])");
        return rows.stream().map(row -> new Message((String) row.get(0), (String) row.get(1), (Boolean) row.get(2))).toList();
    }

    /** The texts shown, in order; null for a message that is deleted or being edited. */
    public List<String> texts() {
        return messages().stream().map(Message::text).toList();
    }

    /**
     * The conversation's messages as "username: text", with " (edited)" when marked so, and "username: [message
     * deleted]" (or the moderator's wording) for a tombstone.
     */
    public List<String> lines() {
        return strings(
                "return [...document.querySelectorAll('[data-log] .message')].map(m => m.dataset.username + ': ' + ("
                        + "m.querySelector('.tombstone') ? '[' + m.querySelector('.tombstone').textContent + ']'"
                        + " : m.querySelector('[data-editor]') ? '[editing]'"
                        + " : m.querySelector('.text').textContent + (m.querySelector('.edited') ? ' (edited)' : '')))");
    }

    /** The actions button of the message showing this text (only one's own messages have one), or null. */
    public WebElement actions(String text) {
        return (WebElement) driver.executeScript(
                "return [...document.querySelectorAll('[data-log] .message')].find(m => m.querySelector('.text')?.textContent"
                        + " === arguments[0])?.querySelector('[data-actions]') ?? null", text);
    }

    /** The row of the message that showed this text, by its id, to find it again once it changed. */
    public String idOf(String text) {
        return (String) driver.executeScript(
                "return [...document.querySelectorAll('[data-log] .message')].find(m => m.querySelector('.text')?.textContent"
                        + " === arguments[0])?.dataset.id ?? null", text);
    }

    /** The row of one message, read as in {@link #lines()}. */
    public String line(String id) {
        int at = ((Number) driver.executeScript(
                "return [...document.querySelectorAll('[data-log] .message')].findIndex(m => m.dataset.id === arguments[0])", id))
                .intValue();
        return at < 0 ? null : lines().get(at);
    }

    /** The items of the open message menu, with "(disabled)" after those that cannot be chosen; empty while closed. */
    public List<String> menuItems() {
        return strings(
                "const menu = document.querySelector('[data-message-menu]'); if (menu.hidden) return [];"
                        + "return [...menu.querySelectorAll('[role=menuitem]')].map(i => i.textContent"
                        + " + (i.getAttribute('aria-disabled') === 'true' ? ' (disabled)' : ''))");
    }

    /** The message editor's text box while one is open, else null. */
    public WebElement editor() {
        List<WebElement> found = driver.findElements(By.cssSelector("[data-log] [data-editor] textarea"));
        return found.isEmpty() ? null : found.get(0);
    }

    public String typingLine() {
        return (String) driver.executeScript("return document.querySelector('[data-typing]').textContent");
    }

    /** What has the keyboard's focus: its data-focus, id or tag, and the text of the message it belongs to. */
    public String focused() {
        return (String) driver.executeScript(
                "const a = document.activeElement; const m = a.closest('[data-log] .message');"
                        + "const what = a.dataset.focus ?? a.getAttribute('role') ?? (a.id || a.tagName.toLowerCase());"
                        + "return m ? what + ' of ' + (m.querySelector('.text')?.textContent ?? m.dataset.id) : what");
    }

    /** Presses keys on whatever has the focus, as a person at the keyboard. */
    public void press(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    /** Join and leave lines, one per event (also those folded into a "3 people joined" line), without their time. */
    public List<String> presenceLines() {
        return strings(
                "return [...document.querySelectorAll('[data-log] [data-presence-text]')].map(p => p.textContent)");
    }

    /** Who is here, as listed; the page's own member reads "name(you)". */
    public List<String> members() {
        return strings(
                "return [...document.querySelectorAll('[data-members] li')].map(li => "
                        + "li.querySelector('.who').textContent + (li.querySelector('.you') ? '(you)' : ''))");
    }

    /** Pixels between the bottom of the conversation's view and the bottom of its content (0: at the bottom). */
    public long distanceFromBottom() {
        return ((Number) driver.executeScript("const s = document.querySelector('[data-scroller]');"
                + "return Math.round(s.scrollHeight - s.scrollTop - s.clientHeight)")).longValue();
    }

    public long scrollTop() {
        return ((Number) driver.executeScript("return Math.round(document.querySelector('[data-scroller]').scrollTop)"))
                .longValue();
    }

    /** Scrolls the conversation as a reader would, to pixels from the top. */
    public void scrollTo(long top) {
        driver.executeScript("const s = document.querySelector('[data-scroller]'); s.scrollTop = arguments[0];"
                + "s.dispatchEvent(new Event('scroll'));", top);
    }

    /** The "N new messages" button's text, or "" while it is hidden. */
    public String newMessagesButton() {
        WebElement button = driver.findElement(By.cssSelector("[data-new-messages]"));
        return button.isDisplayed() ? button.getText() : "";
    }

    public String statusText() {
        return driver.findElement(By.cssSelector("[data-status]")).getText();
    }

    /** What the screen reader's log holds: the live messages it announced. */
    public List<String> announced() {
        return strings(
                "return [...document.querySelectorAll('[data-announcer] p')].map(p => p.textContent)");
    }

    /** The room list in view: "name|members|unread" for each room this browser is in. */
    public List<String> myRooms() {
        return strings(
                "return [...document.querySelectorAll('[data-my-rooms] button[data-room]')].map(b => b.dataset.room + '|'"
                        + " + (b.querySelector('.count')?.textContent.replace(/^, /, '') ?? '') + '|'"
                        + " + (b.querySelector('[data-unread]')?.dataset.unread ?? '0'))");
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String composeError() {
        return driver.findElement(By.cssSelector("[data-compose-error]")).getText();
    }

    public String joinError() {
        return driver.findElement(By.cssSelector("[data-join-error]")).getText();
    }

    public boolean joinViewShown() {
        return driver.findElement(By.cssSelector("[data-view=join]")).isDisplayed();
    }

    public void loadEarlier() {
        awaitShown("[data-earlier]").click();
    }

    public boolean canLoadEarlier() {
        return driver.findElement(By.cssSelector("[data-earlier]")).isDisplayed();
    }

    public void leave() {
        driver.findElement(By.cssSelector("[data-leave]")).click();
        await(d -> d.findElement(By.cssSelector("[data-view=join]")).isDisplayed());
    }

    /** The member this browser stored for the room: what a reload and the other tabs use. */
    public String storedToken(String room) {
        Object token = driver.executeScript(
                "const m = JSON.parse(localStorage.getItem('parley.member.' + arguments[0])); return m && m.token;", room);
        return (String) token;
    }

    public List<WebElement> find(String selector) {
        return driver.findElements(By.cssSelector(selector));
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** A script's answer that is a list of strings. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String script, Object... args) {
        return (List<String>) driver.executeScript(script, args);
    }

    /** Waits until the element is shown, and returns it. */
    public WebElement awaitShown(String selector) {
        return await(d -> {
            WebElement element = d.findElement(By.cssSelector(selector));
            return element.isDisplayed() ? element : null;
        });
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(50)).until(condition);
    }
}
