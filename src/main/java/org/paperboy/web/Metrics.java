package org.paperboy.web;

import java.time.Clock;

/** Request counters and latencies for {@code /metrics}. PLACEHOLDER: being written (issue 4). */
final class Metrics {

    private final Clock clock;

    Metrics(Clock clock) {
        this.clock = clock;
    }

    /** Counts one answered request: its method, route pattern, status and time taken. */
    void record(String method, String route, int status, float millis) {}
}
