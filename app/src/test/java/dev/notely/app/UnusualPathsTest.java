package dev.notely.app;

import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.Grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.client.NotelyClient;
import dev.notely.store.Account;
import dev.notely.store.Note;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kit in a folder like {@code C:\Users\Zoë Smith\Notely Kit ü}: spaces and letters beyond ASCII in
 * every path it touches, and sources saved with Windows line endings.
 */
class UnusualPathsTest {

    @TempDir
    Path tmp;

    @Test
    void startDeployGradeAndCleanWorkFromAFolderWithSpacesAndAccents() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("Zoë Smith").resolve("Notely Kit ü"));
        Path sources = home.resolve("my proxy");
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, sources);
        Path data = home.resolve("data files");
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0", "--proxy-source", sources.toString())) {
            int port = app.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                Account account = client.createAccount("Zoë");
                Note note = client.createNote(account.id(), UUID.randomUUID(), "café ü", Instant.parse("2025-08-13T10:00:00Z"));
                assertEquals(2, client.deploy(), "a second version compiles and starts from there too");
                assertEquals(Optional.of(note), client.getNote(account.id(), note.id()));
            }
            assertTrue(Files.isDirectory(data.resolve("deployments/v2/dev/notely/proxy")), app.text());
        }
        try (AppProcess again = new AppProcess(data, "--headless", "--port", "0", "--clean", "--proxy-source",
                sources.toString())) {
            again.awaitApiPort();
            assertTrue(again.text().contains("--clean: removed"), again.text());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, Grading.run(1, sources, ControllerFixture.KIT_ROOT, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("✓ non-migrating accounts stay on legacy"), out.toString());
    }

    @Test
    void sourcesWithWindowsLineEndingsCompileAndErrorsNameTheRightLine() throws Exception {
        Path sources = tmp.resolve("crlf");
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, sources);
        Path router = sources.resolve(ProxyCompiler.ROUTER_SOURCE);
        String windows = Files.readString(router).replace("\r\n", "\n").replace("\n", "\r\n");
        Files.writeString(router, windows);
        ProxyCompiler compiler = new ProxyCompiler(sources, KitClasspath.current(), tmp);
        compiler.compile(tmp.resolve("out-ok"));

        String[] lines = windows.split("\r\n", -1);
        int broken = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("return legacy.listNotes(account.accountId());")) {
                lines[i] = lines[i].replace(";", "");
                broken = i + 1;
            }
        }
        Files.writeString(router, String.join("\r\n", lines));
        try {
            compiler.compile(tmp.resolve("out-broken"));
            throw new AssertionError("a missing ; must not compile");
        } catch (dev.notely.api.DeploymentException e) {
            assertTrue(e.getMessage().contains("DataProxy.java:" + broken + ": ';' expected"), e.getMessage());
            assertFalse(e.getMessage().contains("\r"), "no carriage return in the message");
        }
    }
}
