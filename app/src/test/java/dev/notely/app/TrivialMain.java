package dev.notely.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The floor the benchmarks set the kit's JVM figures against: a program that only says it is running.
 * With {@code stay} it then idles, answering each line on its input with the same line, until its input
 * closes: its resident memory and a round trip through its pipes can be measured.
 */
public final class TrivialMain {

    static final String STARTED = "started";

    private TrivialMain() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(STARTED);
        if (args.length > 0 && args[0].equals("stay")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(line);
            }
        }
    }
}
