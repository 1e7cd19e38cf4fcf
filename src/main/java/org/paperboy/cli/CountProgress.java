package org.paperboy.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.paperboy.search.IndexService;

/**
 * Progress of counted work (documents indexed, vectors embedded) on stderr: a bar redrawn in
 * place with rate and ETA on a terminal, a plain line every ten seconds otherwise.
 */
final class CountProgress implements IndexService.Listener {

    private final PrintStream err;
    private final boolean terminal = Progress.isTerminal();
    private String phase;
    private long phaseStart;
    private long lastPrint;
    private boolean drawn;

    CountProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        long now = System.nanoTime();
        if (!phase.equals(this.phase)) {
            finish();
            this.phase = phase;
            phaseStart = now;
            lastPrint = 0;
        }
        long every = terminal
                ? Duration.ofMillis(200).toNanos()
                : Duration.ofSeconds(10).toNanos();
        if (now - lastPrint < every && done < total) {
            return;
        }
        lastPrint = now;
        double seconds = Math.max(1e-3, (now - phaseStart) / 1e9);
        double rate = seconds < 1 ? 0 : done / seconds;
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 1;
        String eta = total <= done ? "0:00" : rate > 0 ? Progress.clock((total - done) / rate) : "--:--";
        if (terminal) {
            int filled = (int) Math.round(fraction * 24);
            err.printf(
                    Locale.ROOT,
                    "\r[%s] %3.0f%% %-9s %,d/%,d %,.0f/s ETA %s   ",
                    "#".repeat(filled) + "-".repeat(24 - filled),
                    fraction * 100,
                    phase,
                    done,
                    total,
                    rate,
                    eta);
            drawn = true;
        } else {
            err.printf(
                    Locale.ROOT,
                    "%s: %,d/%,d (%.0f%%) %,.0f/s ETA %s%n",
                    phase,
                    done,
                    total,
                    fraction * 100,
                    rate,
                    eta);
        }
        err.flush();
    }

    /** Ends the current bar with a newline. */
    @Override
    public synchronized void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
