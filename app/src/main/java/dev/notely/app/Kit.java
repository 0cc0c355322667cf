package dev.notely.app;

import dev.notely.app.data.StoreRecord;
import dev.notely.app.data.Folders;
import dev.notely.app.data.DataFiles;
import dev.notely.app.data.DataDirLock;
import dev.notely.api.client.NotelyClient;
import dev.notely.app.deploy.DeploymentController;
import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.KitFaults;
import dev.notely.app.deploy.ProxyClasspath;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.deploy.ProxyLauncher;
import dev.notely.app.deploy.Releases;
import dev.notely.app.deploy.StandbyProxies;
import dev.notely.app.deploy.Supervisor;
import dev.notely.app.migration.BackfillRunner;
import dev.notely.app.migration.BackfillSettings;
import dev.notely.app.misses.MissExplainer;
import dev.notely.app.migration.NoteCounter;
import dev.notely.app.migration.SharedVerification;
import dev.notely.app.migration.StageGate;
import dev.notely.app.migration.Verifier;
import dev.notely.app.room.KitProgress;
import dev.notely.app.room.RecordedVerification;
import dev.notely.app.room.RoomJoin;
import dev.notely.app.room.RoomReporter;

import dev.notely.api.Checks;
import dev.notely.api.DeploymentException;
import dev.notely.app.grading.StageInstaller;
import dev.notely.app.loop.SaveLoop;
import dev.notely.api.StageMoves;
import dev.notely.api.Verification;
import dev.notely.api.rest.ApiServices;
import dev.notely.api.rest.RestServer;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.AccountStore;
import dev.notely.store.NoteStores;
import dev.notely.store.faults.FaultyNoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteBackfillStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.telemetry.StatsCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole running kit: telemetry, the account store, the data proxies, the REST API and the
 * simulated users, started in that order and stopped in the reverse one.
 */
public final class Kit implements AutoCloseable {

    static final Duration HEALTH_WAIT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(Kit.class);

    final Path kitRoot;
    public final Path dataDir;
    private final Path proxySource;
    public final StatsCollector stats = new StatsCollector();
    private final List<AutoCloseable> started = new ArrayList<>();
    private AccountStore accounts;
    private DeploymentController deployments;
    private BackfillRunner backfill;
    private StageMoves stages;
    private RestServer api;
    private LoadGenerator load;
    private RoomReporter room;
    private MissExplainer misses;
    private Verification verification = Verification.NONE;
    /** Store faults set live (SPEC §19): in every proxy and in the verification; grading has stores of its own. */
    private final KitFaults faults = new KitFaults();
    private Checks checks = Checks.NONE;
    private StartProgress progress;
    private boolean closed;
    private volatile boolean launched;

    private Kit(Path kitRoot, Path dataDir, Path proxySource) {
        this.kitRoot = kitRoot;
        this.dataDir = dataDir;
        this.proxySource = proxySource;
    }

    /**
     * Starts everything. A first deployment that fails (say, proxy/ does not compile) is logged and
     * shown, and the kit keeps running so it can be fixed and deployed again.
     *
     * @throws IllegalStateException when something the kit cannot run without fails (port taken,
     *                               unusable data folder); whatever was started is stopped again
     * @throws dev.notely.store.StoreException when a store on a database server ({@code --store}) cannot be
     *                               opened; nothing has been started then
     */
    public static Kit start(Options options) {
        Kit kit = prepare(options);
        kit.begin(options);
        return kit;
    }

    /** The kit for these options, nothing started yet: {@link #close()} can be wired up before {@link #begin}. */
    static Kit prepare(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return new Kit(paths.root(), paths.dataDir(), paths.proxySource(options));
    }

    /** Starts everything, as {@link #start} says; on failure whatever was started is stopped again. */
    void begin(Options options) {
        try (StartProgress progress = new StartProgress()) {
            this.progress = progress;
            startAll(options);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll(Options options) {
        // First of all: nothing in the folder is touched while another kit uses it.
        DataDirLock lock = own(DataDirLock.acquire(dataDir));
        RestServer.checkPortFree(options.host(), options.port());
        // Then the stores on database servers, before a proxy starts or a file is cleaned: a kit that
        // cannot reach one of them does not start at all, rather than fail on every request later.
        // Counting, verification and the backfill's notes left read the stores through one set of handles of
        // the kit's own, whose calls are not recorded: the data-store tables show only what the proxies do.
        SqliteNoteStores kitStores = own(new SqliteNoteStores(dataDir, new StatsCollector(), options.storeServers()));
        NoteCounter counter = new NoteCounter(kitStores, options.storeServers(), stats);
        counter.openServerStores();
        if (options.clean()) {
            DataFiles.clean(dataDir);
        }
        DataFiles.requireReadable(dataDir, options.storeServers());
        DataFiles.ownerOnlyFolder(dataDir, options.storeServers());
        try {
            StoreRecord.write(dataDir, options.storeServers()); // so that --verify knows which stores are elsewhere
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + dataDir.resolve(StoreRecord.FILE_NAME) + ": "
                    + e.getMessage(), e);
        }
        Path deploymentsDir = dataDir.resolve(DataFiles.DEPLOYMENTS);
        try {
            DataFiles.clearDeployments(dataDir); // versions of an earlier run are never reused
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear " + deploymentsDir + ": " + e.getMessage(), e);
        }
        Path source = proxySource;
        List<Path> kitClasspath = KitClasspath.current();
        ProxyLauncher launcher = new ProxyLauncher(ProxyLauncher.currentJava(), ProxyLauncher.JVM_FLAGS,
                ProxyClasspath.of(kitClasspath), dataDir, options.storeServers(), options.networkDelay(), options.logLevel(),
                ProxyLauncher.newSecret());
        // The first proxy JVM boots while the sources compile, and both while the API starts.
        launched = true;
        StandbyProxies standbys = own(new StandbyProxies(launcher, stats, faults));
        // The proxy is compiled against what it runs with: a shorter class path is a faster compile too.
        ProxyCompiler compiler = new ProxyCompiler(source, launcher.classpath(), kitRoot);
        Releases releases = new Releases(compiler, standbys, deploymentsDir);
        options.loop().startWith().ifPresent(stage -> releases.firstVersionFrom(
                new ProxyCompiler(StageInstaller.stageSources(kitRoot, stage), launcher.classpath(), kitRoot)));
        deployments = own(new DeploymentController(releases, options.rolloutWait(), stats, Supervisor.RestartPolicy.DEFAULT));
        log.info("data in {}{}; deploying the data proxy from {}", dataDir,
                options.storeServers().urls().isEmpty() ? "" : " and on PostgreSQL (" + options.storeServers() + ")",
                options.loop().startWith().map(stage -> "exercises/" + stage + " (--start-with; "
                        + Folders.display(kitRoot, source) + " on the next deployment)").orElse(Folders.display(kitRoot, source)));
        progress.now("compiling v1 and starting its JVM");
        // The compiler's cold start is the longest step: everything else starts beside it.
        CompletableFuture<Integer> firstDeployment = CompletableFuture.supplyAsync(deployments::deploy,
                runnable -> DaemonThreads.named("first-deployment").newThread(runnable).start());
        accounts = own(SqliteAccountStore.open(dataDir));
        Seeding.seed(options.seedNotes(), accounts, dataDir, options.storeServers(), () -> kitStores.open(NoteStores.LEGACY));
        ScheduledExecutorService counting = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("note-counter"));
        own(counting::shutdownNow);
        counting.scheduleWithFixedDelay(counter::count, 0, 2, TimeUnit.SECONDS);
        Verifier verifier = new Verifier(accounts, new FaultyNoteStores(kitStores, faults.inForce()), NoteStores.NAMES);
        RecordedVerification recorded = new RecordedVerification(new SharedVerification(verifier));
        verification = recorded;
        backfill = own(new BackfillRunner(accounts, deployments.router(), kitStores, own(SqliteBackfillStore.open(dataDir)),
                () -> stats.recentApi(BackfillRunner::usersRequest), BackfillSettings.withRate(options.backfillRate())));
        misses = own(new MissExplainer(deployments.router()));
        stages = new StageMoves(accounts, new StageGate(backfill::status, backfill::leftNow, verifier));
        SaveLoop loop = options.loop().watch() ? own(newSaveLoop(options, compiler)) : null;
        checks = loop == null ? Checks.NONE : loop;
        boolean deployed = false;
        try {
            if (!firstDeployment.isDone()) {
                progress.now("waiting for v1 to compile and serve");
            }
            firstDeployment.join();
            deployed = true;
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof DeploymentException failure)) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            log.error("the first deployment failed: {}", failure.getMessage());
            log.error("the kit keeps running without a data proxy: fix {} and deploy again (d in the dashboard, "
                    + "or POST /deploy)", Folders.display(kitRoot, source));
        }
        // The API opens only now, when a version serves (or the first deployment failed and can only be fixed
        // by deploying again): a client never meets a port that answers 503 "nothing is deployed yet".
        api = own(RestServer.start(options.host(), options.port(),
                new ApiServices(accounts, deployments.router(), deployments, backfill, verification, stages,
                        new NoteStoreStates(kitStores, stats), options.allowedHosts(), faults, checks, misses, stats)));
        if (loop != null) { // after the first deployment: its compile and the loop's would only slow each other
            try {
                loop.start(source);
            } catch (IOException e) {
                log.warn("cannot watch {} ({}): saves are not checked; --grade still is", Folders.display(kitRoot, source),
                        e.getMessage());
            }
        }
        String url = "http://" + options.host() + ":" + api.port();
        log.info("Notely API on {} (try {}/accounts)", url, url);
        backfill.begin(); // a backfill that was running goes on, now that a version serves if one can
        lock.describe("pid " + ProcessHandle.current().pid() + ", API on " + url);
        NotelyClient client = own(new NotelyClient(options.host(), api.port()));
        if (deployed) {
            awaitHealthy(client, url);
        }
        if (options.generateLoad()) {
            load = own(LoadGenerator.start(own(NotelyClient.forSimulatedUsers(options.host(), api.port())), stats, options.load(), misses, options.signupsPerMinute()));
        }
        if (options.join().isPresent()) {
            RoomJoin join = options.join().get();
            KitProgress report = new KitProgress(join.name(), dataDir, stats, deployments, accounts, backfill,
                    recorded::latest, System::nanoTime);
            room = own(new RoomReporter(join, report::read, message -> log.warn("{}", message)))
                    .start(RoomReporter.EVERY);
        }
    }

    private SaveLoop newSaveLoop(Options options, ProxyCompiler compiler) {
        Runnable deployOnSave = () -> DaemonThreads.named("deploy-on-save").newThread(() -> {
            try {
                deployments.deploy();
            } catch (RuntimeException e) {
                log.warn("deploying the save failed: {}", e.getMessage());
            }
        }).start();
        try {
            return new SaveLoop(compiler, kitRoot, dataDir, options.loop().exercise(),
                    options.loop().deployOnSave() ? deployOnSave : () -> { });
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the save loop's work folder: " + e.getMessage(), e);
        }
    }

    private static void awaitHealthy(NotelyClient client, String url) {
        long deadline = System.nanoTime() + HEALTH_WAIT.toNanos();
        while (!client.healthy()) {
            if (System.nanoTime() > deadline) {
                log.warn("{}/healthz did not answer 200 within {} s; carrying on", url, HEALTH_WAIT.toSeconds());
                return;
            }
            try {
                Thread.sleep(50); // polling a health endpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Keeps {@code resource} to close with the kit; once the kit is closing, closes it and stops start-up. */
    private <T extends AutoCloseable> T own(T resource) {
        synchronized (this) {
            if (!closed) {
                started.add(resource);
                return resource;
            }
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("while stopping: {}", e.toString());
        }
        throw new IllegalStateException("the kit is shutting down");
    }


    AccountStore accounts() {
        return accounts;
    }

    DeploymentController deployments() {
        return deployments;
    }

    public BackfillRunner backfill() {
        return backfill;
    }

    /** Moves accounts between exercise 3's stages, through the backfill and verification gates. */
    StageMoves stages() {
        return stages;
    }

    /** What reports to the instructor's room, when the kit joined one ({@code --join}). */
    java.util.Optional<RoomReporter> room() {
        return java.util.Optional.ofNullable(room);
    }

    public java.util.Optional<LoadGenerator> load() {
        return java.util.Optional.ofNullable(load);
    }

    /** Compares the note stores (the dashboard's {@code v}, {@code GET /verify}). */
    Verification verification() {
        return verification;
    }

    /** The store faults set live (the dashboard's {@code x}, {@code POST /faults}). */
    public KitFaults faults() {
        return faults;
    }

    /** With a dashboard: checks the proxy sources now, so the Exercise line says where the attendee stands. */
    void checkSourcesNow() {
        if (checks instanceof SaveLoop loop) {
            loop.checkNow();
        }
    }

    /** The attendee's loop: what the last save of the proxy sources came to. */
    Checks checks() {
        return checks;
    }

    /** The consistency misses the simulated users noticed, explained. */
    public MissExplainer misses() {
        return misses;
    }

    public int apiPort() {
        return api.port();
    }

    /** Stops the simulated users, the API, every proxy and the stores, in that order. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (deployments != null) {
            deployments.beginShutdown();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        if (launched) { // a kit that stopped before starting anything says why in one line, and nothing more
            log.info("Notely stopped");
        }
    }

}
