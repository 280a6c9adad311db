package dev.parley.browser;

import java.io.File;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium, the one the OS packages (chromium, chromium-driver), with its own empty profile: two
 * Browsers are two people; the tabs of one Browser are one person's tabs.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        try {
            Path profile = Files.createTempDirectory("parley-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--disable-features=Translate,MediaRouter", "--window-size=1100,760",
                    "--user-data-dir=" + profile);
            // every request the page makes, for tests that check what travels in URLs
            options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public ChatPage open(String url) {
        driver.get(url);
        return new ChatPage(driver);
    }

    /** Opens a new tab in front, at this URL, and returns its window handle. */
    public String newTab(String url) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url);
        return driver.getWindowHandle();
    }

    /** Emulates the OS colour scheme the page sees through prefers-color-scheme. */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The title of the tab showing this room, read without bringing that tab to the front. */
    @SuppressWarnings("unchecked")
    public String tabTitle(String room) {
        Map<String, Object> targets = driver.executeCdpCommand("Target.getTargets", Map.of());
        return ((List<Map<String, Object>>) targets.get("targetInfos")).stream()
                .filter(target -> "page".equals(target.get("type")) && String.valueOf(target.get("url")).endsWith("#" + room))
                .map(target -> String.valueOf(target.get("title")))
                .findFirst().orElse("");
    }

    /** The URLs of every request the browser sent since the last call (Chrome's performance log). */
    public List<String> requestUrls() {
        return driver.manage().logs().get("performance").getAll().stream()
                .map(entry -> Json.createReader(new StringReader(entry.getMessage())).readObject().getJsonObject("message"))
                .filter(message -> "Network.requestWillBeSent".equals(message.getString("method", "")))
                .map(message -> message.getJsonObject("params").getJsonObject("request").getString("url"))
                .toList();
    }

    public void windowSize(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
