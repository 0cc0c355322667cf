package dev.notely.app.deploy;

import dev.notely.api.DeploymentException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts versions: compiles the proxy sources into {@code <deployments>/v<N>/} and hands the
 * classes to a standby JVM. Keeps every process it starts until it exits, so {@link #close} stops them
 * all, routed or not, even one still starting.
 */
public final class Releases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Releases.class);

    private final ProxyCompiler compiler;
    private final StandbyProxies standbys;
    private final Path deploymentsDir;
    private final Set<ProxyProcess> processes = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile ProxyCompiler firstVersion;

    public Releases(ProxyCompiler compiler, StandbyProxies standbys, Path deploymentsDir) {
        this.compiler = compiler;
        this.standbys = standbys;
        this.deploymentsDir = deploymentsDir;
    }

    /**
     * v1 comes from these sources instead ({@code --start-with STAGE}): a rollout can be redone from a stage
     * with the attendee's own {@code proxy/} as v2.
     */
    public Releases firstVersionFrom(ProxyCompiler stage) {
        this.firstVersion = stage;
        return this;
    }

    /** Compiles the proxy sources for {@code version}; the folder of its classes. */
    Path compile(int version) {
        Path classes = deploymentsDir.resolve("v" + version);
        (version == 1 && firstVersion != null ? firstVersion : compiler).compile(classes);
        return classes;
    }

    /**
     * Starts {@code slot}'s classes in a process of their own and returns once it serves.
     *
     * @throws DeploymentException when it does not come up; nothing of it is left running
     */
    ProxyProcess start(VersionSlot slot, Duration timeout) {
        ProxyProcess process = standbys.take();
        synchronized (this) {
            if (closed) {
                process.stop();
                throw new DeploymentException("the kit is shutting down");
            }
            processes.add(process);
        }
        process.onExit().thenRun(() -> processes.remove(process));
        try {
            process.serve(slot.version, slot.classes, timeout);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return process;
    }

    /** Stops the standby and every process started and not yet gone; {@link #start} refuses from now on. */
    @Override
    public void close() {
        List<ProxyProcess> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(processes);
        }
        standbys.close();
        running.parallelStream().forEach(ProxyProcess::stop);
        if (!running.isEmpty()) {
            log.info("stopped data proxies {}", running.stream().map(p -> "v" + p.version()).distinct().toList());
        }
    }
}
