package dev.notely.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, as the benchmarks report it (Linux only). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident memory in MB, or NaN where {@code /proc} does not tell. */
    public static double rssMegabytes(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return Double.NaN;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToDouble(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(Double.NaN);
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
