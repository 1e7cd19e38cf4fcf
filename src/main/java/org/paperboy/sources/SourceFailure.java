package org.paperboy.sources;

import java.time.Duration;

/**
 * A run of a source that could not finish: the upstream failed (5xx, 429, a body that is not the
 * JSON asked for, too large, silence) or the store did. The message names the URL and the reason;
 * {@code retryAfter} is the wait the upstream asked for ({@code Retry-After}), or {@code null}.
 * Pages stored before the failure stay stored.
 */
public final class SourceFailure extends Exception {

    private final Duration retryAfter;

    public SourceFailure(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public SourceFailure(String message) {
        this(message, null, null);
    }

    /** The wait the upstream asked for, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
