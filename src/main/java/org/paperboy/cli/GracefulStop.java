package org.paperboy.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) or SIGTERM during indexing into a stop between batches. Without it the
 * JVM runs ONNX Runtime's native destructors while a batch is still being embedded, which crashes
 * with SIGSEGV (issue 15). After {@link #holdExit()} a signal sets {@link #requested()} and the JVM
 * waits (up to {@link #GRACE}) until {@link #close()}: the work commits its batch, closes the model
 * and the index, then closes this. The JVM then exits with 130 (SIGINT) or 143 (SIGTERM).
 */
final class GracefulStop implements AutoCloseable {

    /** Longest wait for the batch in progress: 256 papers take ~6 s on 2 idle cores, more under load. */
    static final Duration GRACE = Duration.ofSeconds(90);

    private final PrintStream err;
    private final String inProgress;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean held;
    private volatile boolean requested;

    private GracefulStop(PrintStream err, String inProgress) {
        this.err = err;
        this.inProgress = inProgress;
        this.hook = new Thread(this::onSignal, "paperboy-stop");
    }

    /** Installs the shutdown hook; close it when the work and its resources are closed. */
    static GracefulStop install(PrintStream err) {
        return install(err, "the batch in progress");
    }

    /** {@link #install(PrintStream)}, naming what a signal waits for ("the digests in flight"). */
    static GracefulStop install(PrintStream err, String inProgress) {
        GracefulStop stop = new GracefulStop(err, inProgress);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /**
     * From now on a signal waits for {@link #close()} instead of ending the JVM at once. Answers
     * false when a stop was already requested: then start no work.
     */
    boolean holdExit() {
        held = true;
        return !requested;
    }

    /** True once a signal asked to stop: finish the batch in progress, commit it, start no other. */
    boolean requested() {
        return requested;
    }

    private void onSignal() {
        requested = true;
        if (!held) {
            return;
        }
        err.println("paperboy: stopping after " + inProgress + " (up to " + GRACE.toSeconds() + " s)...");
        err.flush();
        try {
            if (!closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("paperboy: " + inProgress + " did not end within " + GRACE.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The work is over and its resources are closed: a waiting signal lets the JVM exit now. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down (the hook is running): it exits once this returns.
        }
    }
}
