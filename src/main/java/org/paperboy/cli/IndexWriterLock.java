package org.paperboy.cli;

import java.io.PrintStream;
import java.util.Optional;
import org.paperboy.search.WriterLock;
import org.paperboy.store.Database;
import org.paperboy.store.RunLock;

/**
 * The turn to write the search cluster's collection, as the store's run lock {@value #NAME}: on
 * PostgreSQL an advisory lock that every node of the installation sees, freed by the database when
 * its holder dies. Serving nodes take it for one indexing pass; {@code reindex} holds it for its
 * whole run. Thread-safe.
 */
final class IndexWriterLock implements WriterLock {

    static final String NAME = "search-indexer";

    private final Database db;
    private RunLock held;

    IndexWriterLock(Database db) {
        this.db = db;
    }

    @Override
    public synchronized boolean tryTake() {
        if (held == null) {
            held = RunLock.tryAcquire(db, NAME).orElse(null);
        }
        return held != null;
    }

    @Override
    public synchronized boolean held() {
        return held != null;
    }

    @Override
    public synchronized void release() {
        if (held != null) {
            try {
                held.close();
            } finally {
                held = null;
            }
        }
    }

    /**
     * Waits until no serving node is in an indexing pass, then holds them all off until closed:
     * for a command that rebuilds the collection. Says once on {@code err} that it waits.
     */
    static RunLock hold(Database db, PrintStream err) {
        boolean told = false;
        while (true) {
            Optional<RunLock> lock = RunLock.tryAcquire(db, NAME);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (!told) {
                err.println("paperboy: waiting for " + RunLock.holder(db, NAME)
                        + " to end its indexing pass (serving nodes then wait for this command)");
                told = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the index writers' lock", e);
            }
        }
    }
}
