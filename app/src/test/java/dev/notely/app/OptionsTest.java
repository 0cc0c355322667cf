package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.loadgen.LoadSettings;
import dev.notely.store.KitRoot;
import dev.notely.store.StoreServers;
import dev.notely.wire.NetworkDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class OptionsTest {

    @Test
    void defaults() {
        Options o = Options.parse(List.of());
        assertFalse(o.help() || o.headless() || o.generateLoad() || o.clean());
        assertEquals("127.0.0.1", o.host());
        assertEquals(8080, o.port());
        assertEquals(Duration.ofSeconds(30), o.rolloutWait());
        assertEquals(NetworkDelay.DEFAULT, o.networkDelay());
        assertEquals(5, o.load().concurrency());
        assertEquals(3, o.load().notesPerAccount());
        assertEquals(60, o.load().rpm());
        assertEquals(LoadSettings.DEFAULT, o.load());
        assertEquals("dark", o.theme());
        assertEquals("INFO", o.logLevel());
        assertEquals(Optional.empty(), o.dataDir());
        assertEquals(StoreServers.NONE, o.storeServers());
        assertEquals(Optional.empty(), o.proxySource());
        assertEquals(Optional.empty(), o.grade());
        assertFalse(o.json());
        assertEquals(Optional.empty(), o.useStage());
        assertFalse(o.verify());
        assertEquals(200, o.backfillRate());
    }

    @Test
    void everyFlagIsRead() {
        Options o = Options.parse(List.of("--headless", "--cli", "--gen", "--clean", "--theme", "light", "--host=0.0.0.0",
                "--port", "9090", "--log-level", "debug", "--concurrency", "20", "--notes-per-account", "4", "--rpm", "120",
                "--data-dir", "/tmp/d", "--store", "new=jdbc:postgresql://127.0.0.1:5432/notely?user=kit",
                "--store=second=jdbc:postgresql://10.0.0.2/notely", "--proxy-source", "exercises/exercise1-complete/src/main/java",
                "--rollout-wait", "500ms", "--network-delay", "0", "--grade", "2", "--json", "--use-stage", "exercise1-complete",
                "--backfill-rate", "1500"));
        assertTrue(o.headless() && o.generateLoad() && o.clean());
        assertFalse(o.help());
        assertEquals("light", o.theme());
        assertEquals("0.0.0.0", o.host());
        assertEquals(9090, o.port());
        assertEquals("DEBUG", o.logLevel());
        assertEquals(20, o.load().concurrency());
        assertEquals(4, o.load().notesPerAccount());
        assertEquals(120, o.load().rpm());
        assertEquals(Optional.of(Path.of("/tmp/d")), o.dataDir());
        assertEquals(Map.of("new", "jdbc:postgresql://127.0.0.1:5432/notely?user=kit", "second", "jdbc:postgresql://10.0.0.2/notely"),
                o.storeServers().urls());
        assertEquals(Optional.of(Path.of("exercises/exercise1-complete/src/main/java")), o.proxySource());
        assertEquals(Duration.ofMillis(500), o.rolloutWait());
        assertEquals(NetworkDelay.NONE, o.networkDelay());
        assertEquals(Optional.of(2), o.grade());
        assertTrue(o.json());
        assertEquals(Optional.of("exercise1-complete"), o.useStage());
        assertEquals(1500, o.backfillRate());
    }

    @Test
    void theRoomAndJoiningIt() {
        Options plain = Options.parse(List.of());
        assertFalse(plain.room());
        assertEquals(7070, plain.roomPort());
        assertEquals(Optional.empty(), plain.join());
        Options room = Options.parse(List.of("--room", "--room-port", "0"));
        assertTrue(room.room());
        assertEquals(0, room.roomPort());
        Options join = Options.parse(List.of("--gen", "--join", "192.168.1.20:7070", "--code", "qwerty", "--name", " Zoë Smith "));
        assertEquals(Optional.of(new dev.notely.app.room.RoomJoin("192.168.1.20:7070",
                new dev.notely.room.JoinCode("QWERTY"), "Zoë Smith")), join.join());
        assertEquals("[::1]:7070", Options.parse(List.of("--join", "[::1]:7070", "--code", "QWERTY", "--name", "a"))
                .join().orElseThrow().address());
    }

    @Test
    void verifyIsAFlagAndTakesJson() {
        Options o = Options.parse(List.of("--verify", "--json", "--data-dir", "/tmp/d"));
        assertTrue(o.verify() && o.json());
        assertEquals(Optional.of(Path.of("/tmp/d")), o.dataDir());
    }

    @Test
    void theLoopsFlagsAreRead() {
        assertEquals(Options.Loop.DEFAULT, Options.parse(List.of()).loop());
        Options o = Options.parse(List.of("--no-watch", "--exercise", "2", "--deploy-on-save", "--start-with",
                "exercise1-start", "--restore"));
        assertEquals(new Options.Loop(false, Optional.of(2), true, Optional.empty(), Optional.of("exercise1-start"), true),
                o.loop());
    }

    @Test
    void jsonTakesAFileOrWritesToStdout() {
        Options toFile = Options.parse(List.of("--grade", "1", "--json", "results.json"));
        assertTrue(toFile.json());
        assertEquals(Optional.of(Path.of("results.json")), toFile.loop().jsonFile());
        Options toStdout = Options.parse(List.of("--grade", "1", "--json"));
        assertTrue(toStdout.json());
        assertEquals(Optional.empty(), toStdout.loop().jsonFile());
        Options verify = Options.parse(List.of("--json", "v.json", "--verify"));
        assertTrue(verify.verify() && verify.json());
        assertEquals(Optional.of(Path.of("v.json")), verify.loop().jsonFile());
    }

    @Test
    void helpIsAFlagToo() {
        assertTrue(Options.parse(List.of("--help")).help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--theme|LIGHT", "--host|0.0.0.0", "--port|0", "--log-level|warn", "--concurrency|5000",
            "--notes-per-account|1000", "--rpm|1", "--data-dir|/tmp/d", "--proxy-source|src", "--rollout-wait|2m",
            "--network-delay|3ms", "--grade|1", "--use-stage|exercise2-start", "--store|legacy=jdbc:postgresql://db/notely",
            "--backfill-rate|10000", "--exercise|3", "--start-with|exercise1-hint",
            "--use-stage|@not-a-file-of-arguments"})
    void aValueMayFollowTheFlagOrAnEqualsSign(String flag, String value) {
        Options apart = Options.parse(List.of(flag, value));
        assertEquals(apart, Options.parse(List.of(flag + "=" + value)));
        assertNotEquals(Options.parse(List.of()), apart, flag + " " + value + " changes nothing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "30s|30000", "500ms|500", "2m|120000", "45|45000", "0|0"})
    void durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
        assertEquals(Duration.ofMillis(millis), Options.parse(List.of("--rollout-wait", text)).rolloutWait());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "--frobnicate => Unknown option: '--frobnicate'",
            "--frobnicate=3 => Unknown option: '--frobnicate=3'",
            "serve => Unmatched argument at index 0: 'serve'",
            "--port => Missing required parameter for option '--port' (PORT)",
            "--use-stage => Missing required parameter for option '--use-stage' (STAGE)",
            "--concurrency,--gen => Expected parameter for option '--concurrency' but found '--gen'",
            "--port,abc => Invalid value for option '--port': 'abc' is not a whole number",
            "--port,70000 => Invalid value for option '--port': 70000 is outside 0..65535",
            "--port=-1 => Invalid value for option '--port': -1 is outside 0..65535",
            "--rpm,0 => Invalid value for option '--rpm': 0 is outside 1..6000",
            "--rpm,lots => Invalid value for option '--rpm': 'lots' is not a whole number",
            "--concurrency,-3 => Invalid value for option '--concurrency': -3 is outside 1..5000",
            "--notes-per-account,1001 => Invalid value for option '--notes-per-account': 1001 is outside 1..1000",
            "--grade,4 => Invalid value for option '--grade': 4 is outside 1..3",
            "--exercise,4 => Invalid value for option '--exercise': 4 is outside 1..3",
            "--backfill-rate,0 => Invalid value for option '--backfill-rate': 0 is outside 1..10000",
            "--backfill-rate,fast => Invalid value for option '--backfill-rate': 'fast' is not a whole number",
            "--json => --json goes with --grade or --verify: e.g. --grade 1 --json results.json",
            "--json,out.json => --json goes with --grade or --verify: e.g. --grade 1 --json results.json",
            "--verify,--clean => --verify reads the data as it is: leave out --clean",
            "--host= => Invalid value for option '--host': the host must not be empty",
            "--theme,blue => Invalid value for option '--theme': 'blue' is not a theme: use dark or light",
            "--log-level,loud => Invalid value for option '--log-level': 'loud' is not a level: use one of TRACE, DEBUG, INFO, WARN, ERROR",
            "--rollout-wait,soon => Invalid value for option '--rollout-wait': 'soon' is not a duration: use e.g. 30s, 500ms, 2m or 30",
            "--rollout-wait,25h => Invalid value for option '--rollout-wait': '25h' is not a duration: use e.g. 30s, 500ms, 2m or 30",
            "--rollout-wait,1441m => Invalid value for option '--rollout-wait': '1441m' is longer than a day",
            "--network-delay,5-1ms => Invalid value for option '--network-delay': '5-1ms': the upper bound is below the lower bound",
            "--network-delay,fast => Invalid value for option '--network-delay': 'fast' is not a delay: use a range such as 1-5ms, or 0 for none",
            "--store => Missing required parameter for option '--store' (NAME=URL)",
            "--store,new => --store expects NAME=URL, such as new=jdbc:postgresql://127.0.0.1:5432/notely?user=USER&password=PASSWORD; got 'new'",
            "--store,newer=jdbc:postgresql://db/notely => --store: unknown note store 'newer': expected one of legacy, new, second",
            "--store,new=jdbc:mysql://db/notely?password=secret => --store new: 'jdbc:mysql://db/notely?...' is not a PostgreSQL URL;"
                    + " expected jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
            "--store,new=jdbc:postgresql://db:5432x/notely => --store new: 'jdbc:postgresql://db:5432x/notely' is not a PostgreSQL URL;"
                    + " expected jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
            "--store,new=jdbc:postgresql://db/a,--store,new=jdbc:postgresql://db/b => --store new is given twice",
            "--allowed-host,http://notely.test:8080 => Invalid value for option '--allowed-host' (NAME): 'http://notely.test:8080'"
                    + " is not a host name: give a name such as notely.test, without scheme or port",
            "--room,--join,h:7070,--code,ABCDEF,--name,ana => --room runs only the room: start it on its own, and the kit (with --join) in another terminal",
            "--room,--gen => --room runs only the room: start it on its own, and the kit (with --join) in another terminal",
            "--room-port,7071 => --room-port goes with --room: e.g. --room --room-port 7071",
            "--room,--room-port,70000 => Invalid value for option '--room-port': 70000 is outside 0..65535",
            "--join,h:7070 => --join needs the room's code and your name: --join HOST:PORT --code CODE --name NAME",
            "--join,h:7070,--code,ABCDEF => --join needs the room's code and your name: --join HOST:PORT --code CODE --name NAME",
            "--code,ABCDEF,--name,ana => --code and --name go with --join: --join HOST:PORT --code CODE --name NAME",
            "--join,h:7070,--code,ABCDEF,--name,ana,--grade,1 => --join goes with the running kit: leave out --grade, --verify and --use-stage",
            "--join,h => Invalid value for option '--join': 'h' is not HOST:PORT: use the address the room printed, e.g. 192.168.1.20:7070",
            "--join,h:99999 => Invalid value for option '--join': port 99999 is outside 1..65535",
            "--join,h:7070,--code,ABC,--name,ana => Invalid value for option '--code': a join code is 6 letters, as the room printed it",
            "--join,h:7070,--code,ABCDEF,--name=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx => Invalid value for option '--name': the name is longer than 40 characters: choose a shorter one",
            "--gen=yes => option '--gen' should be specified without 'yes' parameter",
            "--clean=false => option '--clean' should be specified without 'false' parameter",
            "--gen,--gen => option '--gen' should be specified only once",
            "--port,1,--port,2 => option '--port' (PORT) should be specified only once",
            "--theme=dark,--theme,light => option '--theme' (dark|light) should be specified only once"})
    void mistakesAreOneLineNamingTheFlag(String args, String message) {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> Options.parse(List.of(args.split(","))));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void allowedHostsAreRepeatableAndNoneByDefault() {
        assertEquals(List.of(), Options.parse(List.of()).allowedHosts());
        assertEquals(List.of("notely.test", "kit.lan"),
                Options.parse(List.of("--allowed-host", "notely.test", "--allowed-host=kit.lan")).allowedHosts());
    }

    @Test
    void theUsageShowsHowToRunTheKitAndEveryFlagWithItsDefault() {
        String usage = Options.usage();
        assertEquals("usage: mvn -q -pl app exec:java -Dexec.args=\"[flags]\"", usage.lines().findFirst().orElseThrow());
        for (OptionSpec option : declared()) {
            assertTrue(usage.contains(option.longestName()), option.longestName() + " in\n" + usage);
        }
        assertTrue(usage.contains("(default: 8080)"), usage);
        assertTrue(usage.contains("(default: 1-5ms)"), usage);
        assertTrue(usage.contains("(default: 30s)"), usage);
    }

    /** The README's table of flags is written from the declaration: same flags, same words, same defaults. */
    @Test
    void theReadmeFlagTableIsTheDeclaration() throws IOException {
        List<String> readme = readmeFlagRows();
        List<String> declared = declared().stream().map(OptionsTest::readmeRow).toList();
        Set<String> inReadme = flagNames(readme);
        Set<String> inDeclaration = flagNames(declared);
        assertEquals(Set.of(), without(inReadme, inDeclaration), "README.md's flag table lists flags that do not exist");
        assertEquals(Set.of(), without(inDeclaration, inReadme), "README.md's flag table misses flags");
        assertEquals(String.join("\n", declared), String.join("\n", readme),
                "README.md's flag table should read as the declaration in Options says");
    }

    private static final Pattern DEFAULT_SUFFIX = Pattern.compile("(.*) \\(default: (.*)\\)");

    private static List<OptionSpec> declared() {
        return Options.commandLine(Options.parse(List.of())).getCommandSpec().options();
    }

    /** One row of the README's table: the flag as the usage shows it, what it does, and its default. */
    private static String readmeRow(OptionSpec option) {
        String flag = option.longestName() + (option.arity().max() > 0 ? "=" + option.paramLabel() : "");
        String description = String.join(" ", option.description());
        Matcher m = DEFAULT_SUFFIX.matcher(description);
        String meaning = m.matches() ? m.group(1) : description;
        String fallback = m.matches() ? m.group(2) : "";
        return "|" + cell("`" + flag + "`") + "|" + cell(meaning) + "|" + cell(fallback) + "|";
    }

    private static String cell(String text) {
        return text.isEmpty() ? " " : " " + text.replace("|", "\\|") + " ";
    }

    /** The rows of the table under the README's "Flags" heading, without its header. */
    private static List<String> readmeFlagRows() throws IOException {
        List<String> lines = Files.readAllLines(KitRoot.fromWorkingDirectory().orElseThrow().resolve("README.md"));
        int heading = lines.indexOf("## Flags");
        assertTrue(heading >= 0, "README.md has a \"## Flags\" section");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("|")) {
                rows.add(line);
            } else if (!rows.isEmpty()) {
                break; // the end of the table
            }
        }
        assertTrue(rows.size() > 2, "README.md's Flags section has a table");
        return rows.subList(2, rows.size()); // past the header and the |---| line
    }

    /** The flag names in a table's first column: {@code --port} from {@code | `--port=PORT` | ...}. */
    private static Set<String> flagNames(List<String> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (String row : rows) {
            String first = row.substring(1).split("(?<!\\\\)\\|")[0].replace("`", "").trim();
            names.add(first.split("[= ]")[0]);
        }
        return names;
    }

    private static Set<String> without(Set<String> these, Set<String> those) {
        Set<String> rest = new LinkedHashSet<>(these);
        rest.removeAll(those);
        return rest;
    }
}
