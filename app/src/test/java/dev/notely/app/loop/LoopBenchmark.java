package dev.notely.app.loop;

import dev.notely.app.data.Folders;
import dev.notely.api.ChecksStatus;
import dev.notely.app.AppBenchmark;
import dev.notely.app.CompileFloor;
import dev.notely.app.ControllerFixture;
import dev.notely.app.ProcessMemory;
import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.StageInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The attendee's loop, timed (SPEC §15), each figure beside its floor from the same run:
 * <ul>
 *   <li>save → compile verdict in {@link SaveLoop#status()} (what the dashboard draws within its next frame),
 *       floor: the kit's compiler on an empty {@code DataProxy}, warm;</li>
 *   <li>save → every exercise 1 check done, floor: the same save's compile verdict;</li>
 *   <li>{@code --grade 1} through Maven, floor: {@code mvn -q -pl app validate};</li>
 *   <li>the resident memory of the warm grading JVM while it waits.</li>
 * </ul>
 * Usage: {@code LoopBenchmark [saves]} (default 7), from the kit folder.
 */
public final class LoopBenchmark {

    private LoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int saves = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println("Notely loop benchmark on " + AppBenchmark.machine());
        Path kit = ControllerFixture.KIT_ROOT;
        Path dir = Files.createTempDirectory("notely-loop-bench");
        Path sources = dir.resolve("src");
        Path router = sources.resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.createDirectories(router.getParent());
        String complete = Files.readString(StageInstaller.stageSources(kit, "exercise1-complete").resolve(ProxyCompiler.ROUTER_SOURCE));
        Files.writeString(router, complete);
        Path data = dir.resolve("data");
        Files.createDirectories(data);

        ProxyCompiler empty = CompileFloor.emptyProxyCompiler(dir.resolve("floor"));
        for (int i = 0; i < 3; i++) {
            CompileFloor.compileMillis(empty, dir.resolve("floor-out")); // warm, as the kit's compiler is after the first save
        }
        List<Long> floor = new ArrayList<>();
        List<Long> verdict = new ArrayList<>();
        List<Long> checked = new ArrayList<>();
        try (SaveLoop loop = new SaveLoop(new ProxyCompiler(sources, KitClasspath.current(), dir), kit, data, Optional.of(1), () -> { })) {
            loop.start(sources);
            loop.checkNow();
            await(loop, s -> s.state().equals(ChecksStatus.DONE), 300);
            String memory = ProcessMemory.rss(loop.sparePid().orElse(-1L));
            for (int i = 0; i < saves; i++) {
                floor.add(CompileFloor.compileMillis(empty, dir.resolve("floor-out")));
                save(router, complete + "\n)"); // a compile error on the last line
                long t0 = System.nanoTime();
                await(loop, s -> s.state().equals(ChecksStatus.COMPILE_ERROR), 60);
                verdict.add(millisSince(t0));
                save(router, complete + "\n// save " + i + "\n");
                long t1 = System.nanoTime();
                await(loop, s -> s.state().equals(ChecksStatus.DONE) && s.passed() == s.total(), 300);
                checked.add(millisSince(t1));
            }
            System.out.printf(Locale.ROOT, "save → compile verdict   p50 %6d ms   FLOOR compiler on an empty DataProxy, warm p50 %6d ms   (target ≤ 500 ms)%n",
                    p50(verdict), p50(floor));
            System.out.printf(Locale.ROOT, "save → exercise 1 checks p50 %6d ms   FLOOR the same saves' compile verdict        p50 %6d ms   (target ≤ 3000 ms)%n",
                    p50(checked), p50(verdict));
            System.out.println("warm grading JVM, waiting: RSS " + memory + "   (target ≤ 100 MB)");
            System.out.println("  verdicts " + verdict + "  checks " + checked + "  floor " + floor);
        }
        long validate = mavenMillis(kit, "validate");
        long grade = mavenMillis(kit, "exec:java", "-Dexec.args=--grade 1 --proxy-source " + StageInstaller.stageSources(kit, "exercise1-complete"));
        System.out.printf(Locale.ROOT, "--grade 1 through Maven      %6d ms   FLOOR mvn -q -pl app validate                %6d ms   (target ≤ 8000 ms)%n",
                grade, validate);
        dev.notely.app.data.Folders.deleteRecursively(dir);
    }

    private static void save(Path router, String text) throws IOException {
        Path temporary = router.resolveSibling("DataProxy.java.tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, router, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(SaveLoop loop, Predicate<ChecksStatus> done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.test(loop.status())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no result within " + seconds + " s: " + loop.status());
            }
            Thread.sleep(5); // polling, as the dashboard does at its frame rate
        }
    }

    private static long mavenMillis(Path kit, String... goal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-o", "-pl", "app"));
        command.addAll(List.of(goal));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(kit.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return millisSince(t0);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long p50(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
