package dev.notely.checks;

/**
 * The outcome of one graded check.
 *
 * @param name   what the check verifies, e.g. "get looks in new, then legacy"
 * @param passed whether the router did what the exercise asks
 * @param reason why it failed, in one line a person can act on; empty when it passed
 */
public record CheckResult(String name, boolean passed, String reason) {
}
