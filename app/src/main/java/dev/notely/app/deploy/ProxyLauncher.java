package dev.notely.app.deploy;

import dev.notely.store.StoreServers;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How a data-proxy child JVM is started: which java, which class path (the proxy host's own, never the
 * app's whole one), which data folder and network delay, lean JVM flags so it idles in a small footprint,
 * and what it is handed over stdin, never on its command line (which any user of the machine can read):
 * the secret, and the URLs of the stores on database servers, which carry their passwords.
 */
public record ProxyLauncher(Path javaBinary, List<String> jvmFlags, List<Path> classpath, Path dataDir, StoreServers storeServers,
                     NetworkDelay networkDelay, String logLevel, String secret) {

    /** Tuned for a small heap and a quick start: the proxy holds no data of its own. */
    public static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-Xms16m",
            "-Xmx96m",
            "-XX:MaxMetaspaceSize=96m",
            "-Xss512k",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8");

    /** The running JVM's own java binary, and the proxy host's share of the running class path. */
    public static ProxyLauncher fromCurrentJvm(Path dataDir, NetworkDelay networkDelay, String logLevel) {
        return new ProxyLauncher(currentJava(), JVM_FLAGS, ProxyClasspath.of(KitClasspath.current()), dataDir, StoreServers.NONE,
                networkDelay, logLevel, newSecret());
    }

    /** A secret for this launch of the kit: its proxies answer no one who does not send it. */
    public static String newSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The java binary of the running JVM ({@code java.exe} on Windows). */
    public static Path currentJava() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    /** The command line of a standby proxy process. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(jvmFlags);
        command.add("-D" + ProxyWire.LOG_LEVEL_PROPERTY + "=" + logLevel);
        command.add("-D" + ProxyWire.LOG_PATTERN_PROPERTY + "=%-5level %logger{0} - %msg%n");
        if ("false".equals(System.getProperty(ProxyWire.TRACE_PROPERTY))) {
            command.add("-D" + ProxyWire.TRACE_PROPERTY + "=false"); // to measure what tracing costs (AppBenchmark)
        }
        command.add("-cp");
        command.add(KitClasspath.join(classpath));
        command.add(ProxyWire.MAIN_CLASS);
        command.addAll(List.of(ProxyWire.FLAG_DATA_DIR, dataDir.toString(),
                ProxyWire.FLAG_NETWORK_DELAY, networkDelay.toString(),
                ProxyWire.FLAG_PARENT_PID, String.valueOf(ProcessHandle.current().pid())));
        return command;
    }
}
