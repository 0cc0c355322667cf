package dev.notely.app;

import dev.notely.api.rpc.NetworkDelay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a data-proxy child JVM is started: which java, which class path after the compiled proxy
 * classes, which data folder and network delay, and lean JVM flags so a new version is up in well
 * under a second and idles in a small footprint.
 */
record ProxyLauncher(Path javaBinary, List<Path> kitClasspath, Path dataDir, NetworkDelay networkDelay, String logLevel) {

    /** Tuned for fast start and a small heap: the proxy holds no data of its own. */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-Xms16m",
            "-Xmx96m",
            "-XX:MaxMetaspaceSize=96m",
            "-Xss512k",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8");

    /** The running JVM's own java binary and class path. */
    static ProxyLauncher fromCurrentJvm(Path dataDir, NetworkDelay networkDelay, String logLevel) {
        return new ProxyLauncher(Path.of(System.getProperty("java.home"), "bin", "java"), KitClasspath.current(),
                dataDir, networkDelay, logLevel);
    }

    List<String> command(int version, Path classesDir, int port) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(classesDir);
        classpath.addAll(kitClasspath);
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(JVM_FLAGS);
        command.add("-D" + ProxyLogging.LEVEL_PROPERTY + "=" + logLevel);
        command.add("-D" + ProxyLogging.PATTERN_PROPERTY + "=%-5level %logger{0} - %msg%n");
        command.add("-cp");
        command.add(KitClasspath.join(classpath));
        command.add(ProxyMain.class.getName());
        command.addAll(List.of("--proxy-id", String.valueOf(version), "--proxy-port", String.valueOf(port),
                "--data-dir", dataDir.toString(), "--network-delay", networkDelay.toString(),
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        return command;
    }
}
