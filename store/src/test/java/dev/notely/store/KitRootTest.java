package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the kit root, and so the data directory, from anywhere inside the kit or outside it. */
class KitRootTest {

    @TempDir
    Path tmp;

    private Path fakeKit() throws Exception {
        Path root = tmp.resolve("kit");
        Files.createDirectories(root.resolve("proxy/src/main/java"));
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>proxy</module></modules></project>");
        // a module POM names the root as parent but does not list modules
        Files.writeString(root.resolve("proxy/pom.xml"), "<project><parent><artifactId>kit</artifactId></parent></project>");
        return root;
    }

    @Test
    void dataDirIsFoundFromASubdirectory() throws Exception {
        Path root = fakeKit();
        Path deep = root.resolve("proxy/src/main/java");
        assertEquals(Optional.of(root), KitRoot.find(deep));
        assertEquals(root.resolve(".data"), KitRoot.dataDir(Optional.empty(), deep));
        assertEquals(root.resolve(".data"), KitRoot.dataDir(Optional.empty(), root));
    }

    @Test
    void aPomThatCannotBeReadAsTextIsPassedOver() throws Exception {
        Path root = fakeKit();
        Path module = root.resolve("proxy");
        Files.write(module.resolve("pom.xml"), new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28}); // not UTF-8
        assertEquals(Optional.of(root), KitRoot.find(module.resolve("src/main/java")));
    }

    @Test
    void anOverrideWins() throws Exception {
        Path root = fakeKit();
        Path elsewhere = tmp.resolve("elsewhere");
        assertEquals(elsewhere, KitRoot.dataDir(Optional.of(elsewhere), root.resolve("proxy")));
    }

    @Test
    void outsideAKitTheWorkingDirectoryIsUsed() {
        Path outside = tmp.resolve("nowhere");
        assertEquals(Optional.empty(), KitRoot.find(outside));
        assertEquals(outside.resolve(".data"), KitRoot.dataDir(Optional.empty(), outside));
    }

    @Test
    void theRealKitIsFoundFromThisModule() {
        Path root = KitRoot.fromWorkingDirectory().orElseThrow();
        assertTrue(Files.isDirectory(root.resolve("proxy/src/main/java/dev/notely/proxy")), root.toString());
    }
}
