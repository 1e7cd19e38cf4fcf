package org.paperboy.sources;

import java.time.Duration;
import java.time.Instant;
import org.paperboy.store.SourceStateRepository;

/**
 * What a person (or a monitor) needs to know about one source: where it fetches from and when,
 * its saved state (next run, consecutive failures, since when, the last error, the last success),
 * its latest run ({@code null} before the first) and its totals over all runs.
 */
public record SourceStatus(
        String name,
        String upstream,
        String schedule,
        SourceStateRepository.State state,
        SourceStateRepository.Run lastRun,
        SourceStateRepository.Totals totals) {

    /** True while its latest run has not finished. */
    public boolean running() {
        return lastRun != null && "running".equals(lastRun.status());
    }

    /** True when its latest run(s) failed: {@link SourceStateRepository.State#failingSince} says since when. */
    public boolean failing() {
        return state.failures() > 0;
    }

    /** Time since the last successful run, or {@code null} when there was none. */
    public Duration sinceSuccess(Instant now) {
        return state.lastSuccessAt() == null ? null : Duration.between(state.lastSuccessAt(), now);
    }

    /** "ok", "failing", "running" or "never run". */
    public String health() {
        if (running()) {
            return "running";
        }
        if (failing()) {
            return "failing";
        }
        return lastRun == null ? "never run" : "ok";
    }
}
