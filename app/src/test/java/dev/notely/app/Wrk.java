package dev.notely.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} against one URL and reads the figures it prints. */
final class Wrk {

    static final String BINARY = "/usr/bin/wrk";
    static final int THREADS = 2;
    static final int CONNECTIONS = 8;

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:\\s+(.*)");

    /** What one run printed: the rate, and anything that makes it not count. */
    record Result(double requestsPerSecond, long non2xx, String socketErrors) {

        boolean clean() {
            return non2xx == 0 && socketErrors.isEmpty();
        }

        String problems() {
            List<String> problems = new ArrayList<>();
            if (non2xx > 0) {
                problems.add(non2xx + " non-2xx responses");
            }
            if (!socketErrors.isEmpty()) {
                problems.add("socket errors: " + socketErrors);
            }
            return String.join(", ", problems);
        }
    }

    private Wrk() {
    }

    static String command(int seconds, String url) {
        return "wrk -t" + THREADS + " -c" + CONNECTIONS + " -d" + seconds + "s " + url;
    }

    /** Runs {@code wrk} for {@code seconds}; gives up (and ends it) if it runs well past that. */
    static Result run(int seconds, String url) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(BINARY, "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", url)
                .redirectErrorStream(true).start();
        try {
            if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not finish within " + (seconds + 30) + " s");
            }
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher rate = RATE.matcher(out);
            if (wrk.exitValue() != 0 || !rate.find()) {
                throw new IllegalStateException("wrk exited with " + wrk.exitValue() + ":\n" + out);
            }
            Matcher non2xx = NON_2XX.matcher(out);
            Matcher errors = SOCKET_ERRORS.matcher(out);
            return new Result(Double.parseDouble(rate.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                    errors.find() ? errors.group(1).trim() : "");
        } finally {
            wrk.destroyForcibly();
        }
    }
}
