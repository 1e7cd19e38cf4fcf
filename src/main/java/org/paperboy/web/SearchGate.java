package org.paperboy.web;

import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets as many searches run at once as the machine has cores, the others waiting in arrival order.
 * A search is CPU work (the query's vector, BM25 and the vector graph, snippets, the page): run
 * side by side beyond the cores they share the processors, and every search in the crowd takes
 * as long as the crowd, so that a slow one stretches to a second under load; queued, each takes
 * its own time plus the wait. A search that waits longer than {@link #PATIENCE} is answered 503
 * with Retry-After. Thread-safe; one per server, shared by the pages and the API.
 */
final class SearchGate {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Semaphore running;
    private final Duration patience;

    SearchGate(int permits, Duration patience) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits: " + permits + " is less than 1");
        }
        this.running = new Semaphore(permits, true);
        this.patience = patience;
    }

    /** One search at a time per core of this machine. */
    static SearchGate perCore() {
        return new SearchGate(Runtime.getRuntime().availableProcessors(), PATIENCE);
    }

    /** {@code handler}, run when a search may start; 503 with Retry-After when none could in time. */
    Handler around(Handler handler) {
        return ctx -> {
            try {
                run(() -> handler.handle(ctx));
            } catch (HttpError e) {
                if (e.status() == 503) {
                    ctx.header("Retry-After", "5");
                }
                throw e;
            }
        };
    }

    /** Work that may throw. */
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} once a search may start, waiting in arrival order.
     *
     * @throws HttpError 503 when none could start within the patience
     */
    void run(Work work) throws Exception {
        boolean admitted;
        try {
            admitted = running.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("the server is stopping");
        }
        if (!admitted) {
            throw HttpError.unavailable("too many searches at once; try again in a few seconds");
        }
        try {
            work.run();
        } finally {
            running.release();
        }
    }
}
