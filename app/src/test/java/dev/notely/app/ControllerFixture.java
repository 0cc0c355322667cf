package dev.notely.app;

import dev.notely.app.deploy.DeploymentController;
import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.KitFaults;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.deploy.ProxyLauncher;
import dev.notely.app.deploy.Releases;
import dev.notely.app.deploy.StandbyProxies;
import dev.notely.app.deploy.Supervisor;
import dev.notely.app.deploy.TrafficSplit;
import dev.notely.app.grading.StageInstaller;

import dev.notely.wire.NetworkDelay;
import dev.notely.store.KitRoot;
import dev.notely.telemetry.StatsCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A deployment controller over a copy of the kit's proxy sources and a temporary data folder. */
public final class ControllerFixture implements AutoCloseable {

    public static final Path KIT_ROOT = KitRoot.fromWorkingDirectory().orElseThrow();
    /**
     * What proxy/ ships as. Tests deploy this stage rather than proxy/ itself, which attendees edit:
     * the suite must pass whatever state their exercise is in.
     */
    public static final Path START_STAGE = StageInstaller.stageSources(KIT_ROOT, "exercise1-start");

    public final Path dataDir;
    final Path sourceRoot;
    public final StatsCollector stats = new StatsCollector();
    public final DeploymentController controller;
    public final StandbyProxies standbys;
    /** The store faults every proxy of this fixture suffers. */
    public final KitFaults faults = new KitFaults();
    /** Where the REST API would send note calls. */
    public final TrafficSplit router;

    public ControllerFixture(Path tmp, Duration rolloutWait) throws IOException {
        this(tmp, rolloutWait, START_STAGE);
    }

    public ControllerFixture(Path tmp, Duration rolloutWait, Path sources) throws IOException {
        this(tmp, rolloutWait, sources, Supervisor.RestartPolicy.DEFAULT);
    }

    public ControllerFixture(Path tmp, Duration rolloutWait, Path sources, Supervisor.RestartPolicy restarts)
            throws IOException {
        this(tmp, rolloutWait, sources, restarts, UnaryOperator.identity());
    }

    /** @param launcherChange changes how proxies are started (say, their JVM flags) */
    public ControllerFixture(Path tmp, Duration rolloutWait, Path sources, Supervisor.RestartPolicy restarts,
                      UnaryOperator<ProxyLauncher> launcherChange) throws IOException {
        dataDir = tmp.resolve("data");
        sourceRoot = tmp.resolve("src");
        copyTree(sources, sourceRoot);
        ProxyCompiler compiler = new ProxyCompiler(sourceRoot, KitClasspath.current(), tmp);
        ProxyLauncher launcher = launcherChange.apply(ProxyLauncher.fromCurrentJvm(dataDir, NetworkDelay.NONE, "INFO"));
        standbys = new StandbyProxies(launcher, stats, faults);
        controller = new DeploymentController(new Releases(compiler, standbys, dataDir.resolve("deployments")),
                rolloutWait, stats, restarts);
        router = controller.router();
    }

    /** The proxy processes of this fixture's data folder that are alive, whoever their parent is now. */
    public List<ProcessHandle> proxyProcesses() {
        return proxiesOf(dataDir);
    }

    /** The live proxy processes serving the data folder {@code dataDir}, whoever their parent is now. */
    public static List<ProcessHandle> proxiesOf(Path dataDir) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("ProxyMain") && c.contains(dataDir.toString()))
                        .orElse(false))
                .toList();
    }

    public Path routerSource() {
        return sourceRoot.resolve(ProxyCompiler.ROUTER_SOURCE);
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Override
    public void close() {
        controller.close();
    }
}
