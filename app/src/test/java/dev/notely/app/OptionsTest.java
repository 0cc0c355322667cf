package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.wire.NetworkDelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaults() {
        Options o = Options.parse(List.of());
        assertEquals("127.0.0.1", o.host());
        assertEquals(8080, o.port());
        assertEquals(Duration.ofSeconds(30), o.rolloutWait());
        assertEquals(NetworkDelay.DEFAULT, o.networkDelay());
        assertEquals(5, o.load().concurrency());
        assertEquals(3, o.load().notesPerAccount());
        assertEquals(60, o.load().rpm());
        assertEquals("dark", o.theme());
        assertEquals("INFO", o.logLevel());
        assertEquals(Optional.empty(), o.dataDir());
    }

    @Test
    void everyFlagIsRead() {
        Options o = Options.parse(List.of("--headless", "--cli", "--gen", "--clean", "--theme", "light", "--host=0.0.0.0",
                "--port", "9090", "--log-level", "debug", "--concurrency", "20", "--notes-per-account", "4", "--rpm", "120",
                "--data-dir", "/tmp/d", "--proxy-source", "exercises/exercise1-complete/src/main/java",
                "--rollout-wait", "500ms", "--network-delay", "0"));
        assertTrue(o.headless() && o.generateLoad() && o.clean());
        assertEquals("light", o.theme());
        assertEquals("0.0.0.0", o.host());
        assertEquals(9090, o.port());
        assertEquals("DEBUG", o.logLevel());
        assertEquals(20, o.load().concurrency());
        assertEquals(4, o.load().notesPerAccount());
        assertEquals(120, o.load().rpm());
        assertEquals(Optional.of(Path.of("/tmp/d")), o.dataDir());
        assertEquals(Duration.ofMillis(500), o.rolloutWait());
        assertEquals(NetworkDelay.NONE, o.networkDelay());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "30s|30000", "500ms|500", "2m|120000", "45|45000", "0|0"})
    void durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--frobnicate|unknown flag --frobnicate",
            "--port|--port needs a value",
            "--port,abc|--port: 'abc' is not a whole number",
            "--port,70000|--port: 70000 is outside 0..65535",
            "--rpm,0|--rpm: 0 is outside 1..6000",
            "--concurrency,-3|--concurrency: -3 is outside 1..5000",
            "--concurrency,--gen|--concurrency needs a value",
            "--rollout-wait,soon|--rollout-wait: 'soon' is not a duration: use e.g. 30s, 500ms, 2m or 30",
            "--network-delay,5-1ms|--network-delay: '5-1ms': the upper bound is below the lower bound",
            "--network-delay,fast|--network-delay: 'fast' is not a delay: use a range such as 1-5ms, or 0 for none",
            "--theme,pink|--theme: 'pink' is not a theme: use dark or light",
            "--log-level,loud|--log-level: 'loud' is not a level: use one of TRACE, DEBUG, INFO, WARN, ERROR",
            "--gen=yes|--gen takes no value",
            "--port,1,--port,2|--port is given twice",
            "serve|unexpected argument 'serve': flags start with --",
            "--grade,3|--grade: 3 is outside 1..2"})
    void mistakesAreOneClearLine(String args, String message) {
        Flags.UsageException e = assertThrows(Flags.UsageException.class, () -> Options.parse(List.of(args.split(","))));
        assertEquals(message, e.getMessage());
    }
}
