package dev.notely.app.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exercise's hint steps, read from its hint stage's numbered {@code // TODO n:} comments (with the
 * comment lines that continue them), one step a line. Only read: {@code proxy/} is never touched.
 */
final class HintSteps {

    private static final Pattern TODO = Pattern.compile("^\\s*//\\s*TODO\\s+(\\d+):\\s*(.*)$");
    private static final Pattern MORE = Pattern.compile("^\\s*//\\s+(.*)$");

    private HintSteps() {
    }

    static Path source(Path kitRoot, int exercise) {
        return kitRoot.resolve("exercises/exercise" + exercise + "-hint/src/main/java/dev/notely/proxy/DataProxy.java");
    }

    /** The steps in the file's order; empty when the stage is not there. */
    static List<String> read(Path kitRoot, int exercise) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source(kitRoot, exercise));
        } catch (IOException e) {
            return List.of();
        }
        return parse(lines);
    }

    static List<String> parse(List<String> lines) {
        List<String> steps = new ArrayList<>();
        StringBuilder step = null;
        for (String line : lines) {
            Matcher todo = TODO.matcher(line);
            Matcher more = MORE.matcher(line);
            if (todo.matches()) {
                if (step != null) {
                    steps.add(step.toString());
                }
                step = new StringBuilder(todo.group(1)).append(". ").append(todo.group(2).strip());
            } else if (step != null && more.matches() && !more.group(1).isBlank()) {
                step.append(' ').append(more.group(1).strip());
            } else if (step != null) {
                steps.add(step.toString());
                step = null;
            }
        }
        if (step != null) {
            steps.add(step.toString());
        }
        return List.copyOf(steps);
    }
}
