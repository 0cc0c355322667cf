package dev.notely.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, as the benchmarks report it (Linux only). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    public static String rss(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return "unavailable on this system";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> String.format("%.1f MB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0))
                .findFirst().orElse("unknown");
    }
}
