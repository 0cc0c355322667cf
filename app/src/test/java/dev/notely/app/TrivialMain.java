package dev.notely.app;

import java.io.IOException;

/**
 * The floor the benchmarks set the kit's JVM figures against: a program that only says it is running.
 * With {@code stay} it then idles until its input closes, so its resident memory can be read.
 */
public final class TrivialMain {

    static final String STARTED = "started";

    private TrivialMain() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(STARTED);
        if (args.length > 0 && args[0].equals("stay")) {
            while (System.in.read() != -1) {
                // idle until the benchmark closes our input
            }
        }
    }
}
