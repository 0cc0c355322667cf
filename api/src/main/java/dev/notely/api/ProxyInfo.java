package dev.notely.api;

import java.time.Instant;

/**
 * One running data-proxy process.
 *
 * @param version   deployment number, from 1
 * @param pid       operating-system process id
 * @param startedAt when the process (or its latest restart) started
 * @param restarts  how often the crash monitor restarted this version
 */
public record ProxyInfo(int version, long pid, Instant startedAt, int restarts) {
}
