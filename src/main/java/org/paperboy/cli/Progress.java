package org.paperboy.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.paperboy.ingest.ImportListener;
import org.paperboy.ingest.ImportReport;

/**
 * Shows an import's progress on stderr: a bar redrawn in place with rate and ETA when stderr is
 * a terminal, otherwise a plain line every ten seconds. The launcher tells which through the
 * {@code paperboy.tty} system property.
 */
final class Progress implements ImportListener {

    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final long PLAIN_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintStream err;
    private final boolean terminal;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private volatile long doneBytes;
    private volatile long doneRecords;
    private long lastPrint = System.nanoTime();
    private boolean drawn;

    Progress(PrintStream err, long totalBytes) {
        this.err = err;
        this.terminal = isTerminal();
        this.totalBytes = totalBytes;
    }

    static boolean isTerminal() {
        String tty = System.getProperty("paperboy.tty");
        return tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
    }

    @Override
    public synchronized void progress(String input, long bytesDone, long bytesTotal, long records) {
        long now = System.nanoTime();
        if (now - lastPrint < (terminal ? REDRAW_NANOS : PLAIN_NANOS)) {
            return;
        }
        lastPrint = now;
        print(input, doneBytes + bytesDone, doneRecords + records, now);
    }

    @Override
    public synchronized void inputDone(String input, ImportReport report, String failure) {
        doneRecords += report.records();
        doneBytes += bytesOf(input);
        if (failure != null) {
            clear();
            err.println("paperboy: " + failure);
        }
    }

    /** Clears the bar before the summary is printed. */
    synchronized void finish() {
        clear();
    }

    private void print(String input, long bytes, long records, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = records / seconds;
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : 0;
        String eta = fraction > 0.01 ? clock(seconds / fraction - seconds) : "--:--";
        String name = input.length() > 32 ? "..." + input.substring(input.length() - 29) : input;
        if (terminal) {
            int width = 24;
            int filled = (int) Math.round(fraction * width);
            String bar = "#".repeat(filled) + "-".repeat(width - filled);
            err.printf(
                    Locale.ROOT,
                    "\r[%s] %3.0f%% %-32s %,d papers %,.0f/s ETA %s  ",
                    bar,
                    fraction * 100,
                    name,
                    records,
                    rate,
                    eta);
            drawn = true;
        } else {
            err.printf(
                    Locale.ROOT,
                    "progress: %.0f%% %s %,d papers %,.0f/s ETA %s%n",
                    fraction * 100,
                    name,
                    records,
                    rate,
                    eta);
        }
        err.flush();
    }

    private void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(110) + "\r");
            err.flush();
            drawn = false;
        }
    }

    private static long bytesOf(String input) {
        try {
            return java.nio.file.Files.size(java.nio.file.Path.of(input));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return 0;
        }
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
