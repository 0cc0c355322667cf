package dev.notely.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The room page in a real headless browser (Debian's chromium through its chromedriver): names appear, new
 * progress shows without a reload, a hostile name is text, a kit that stops goes grey.
 */
class RoomPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A name that would run script if the page put names in as markup. */
    private static final String HOSTILE = "<img src=x onerror=\"document.title=1\">";
    private static final JoinCode CODE = new JoinCode("PAGEXY");

    @TempDir
    Path profile;

    private RoomServer room;
    private RoomClient kits;
    private ChromeDriver browser;
    private final ScheduledExecutorService reporting = Executors.newSingleThreadScheduledExecutor();
    private volatile int anaPassed = 3;

    @BeforeEach
    void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String reason = "the room page test needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
                    + "/usr/bin/chromedriver): apt-get install chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        room = RoomServer.start("127.0.0.1", 0, CODE,
                new RoomSettings(50, Duration.ofSeconds(4), Duration.ofMillis(250)), Clock.systemUTC());
        kits = new RoomClient("127.0.0.1:" + room.port(), CODE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        reporting.shutdownNow();
        if (browser != null) {
            browser.quit();
        }
        if (room != null) {
            room.close();
        }
    }

    private static Progress progress(String name, int passed) {
        TreeMap<Integer, Progress.Checks> exercises = new TreeMap<>();
        exercises.put(1, new Progress.Checks(passed, 12));
        return new Progress(name, exercises, new Progress.Misses(2, 1), Optional.of(1), Map.of("off", 5), "idle", "not run");
    }

    private void send(String name, int passed) {
        try {
            kits.send(progress(name, passed));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private WebDriverWait within(Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(100));
    }

    /** A row as the page shows it, read in one script call: the page replaces its rows as the room changes. */
    record Row(String name, String classes, String text, String nameColour) {
        boolean away() {
            return classes.contains("away");
        }
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#rows tr.attendee')).map(r => ({"
                        + "name: r.querySelector('td.name').textContent, classes: r.className, text: r.innerText,"
                        + "colour: getComputedStyle(r.querySelector('td.name')).color}));");
        return rows.stream().map(r -> new Row((String) r.get("name"), (String) r.get("classes"), (String) r.get("text"),
                (String) r.get("colour"))).toList();
    }

    private Optional<Row> row(String name) {
        return rows().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private List<String> names() {
        return rows().stream().map(Row::name).toList();
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    @Test
    void thePageFollowsTheRoomLive() {
        send("bea", 0);
        send(HOSTILE, 1);
        // ana and the hostile name keep reporting; bea has stopped.
        reporting.scheduleWithFixedDelay(() -> {
            send("ana", anaPassed);
            send(HOSTILE, 1);
        }, 0, 500, TimeUnit.MILLISECONDS);

        browser.get("http://127.0.0.1:" + room.port() + "/?code=" + CODE.letters().toLowerCase());
        within(Duration.ofSeconds(20)).until(b -> names().containsAll(List.of("ana", "bea", HOSTILE)));
        assertEquals("ana", names().get(0), "sorted by progress");
        String title = browser.getTitle();

        // The hostile name is shown as the text it is: no image, no script run.
        assertTrue(row(HOSTILE).isPresent());
        assertEquals(0L, script("return document.querySelectorAll('#rows img, #rows script').length;"),
                "no element made from a name");
        assertEquals("Notely room", title);

        // New progress shows within 10 s, without a reload (the marker set now survives).
        script("window.stillTheSamePage = 42;");
        anaPassed = 12;
        within(Duration.ofSeconds(10)).until(b -> row("ana").map(r -> r.text().contains("12 / 12 ✓")).orElse(false));
        within(Duration.ofSeconds(10)).until(b -> b.findElement(By.id("summary")).getText()
                .equals("1 of 3 finished exercise 1"));
        assertEquals(42L, script("return window.stillTheSamePage;"));

        // bea stopped reporting: her row goes grey; ana's does not.
        within(Duration.ofSeconds(20)).until(b -> row("bea").map(Row::away).orElse(false));
        assertEquals("rgb(170, 170, 170)", row("bea").orElseThrow().nameColour());
        assertFalse(row("ana").orElseThrow().away());
        assertEquals("Notely room", browser.getTitle(), "the hostile name never ran");
        assertEquals(42L, script("return window.stillTheSamePage;"));
    }
}
