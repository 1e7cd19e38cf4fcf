package org.paperboy.store;

import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * One unit of work on the store: the repositories' methods that take a {@code Transaction} run
 * inside it, so that what they write commits or rolls back together. Given to {@link Work} by
 * {@link Database#transaction} and {@link Database#read}, or opened by {@link Database#begin}, in
 * which case the caller commits or rolls back and closes it. Not thread-safe: one thread at a time.
 */
public final class Transaction implements AutoCloseable {

    private final Handle handle;

    Transaction(Handle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /** Work done inside one transaction, answering {@code R}. */
    @FunctionalInterface
    public interface Work<R, X extends Exception> {
        R run(Transaction tx) throws X;
    }

    /** The connection the repositories write through. */
    Handle handle() {
        return handle;
    }

    /** Makes every write of this transaction durable. */
    public void commit() {
        handle.commit();
    }

    /** Undoes every write of this transaction since it began. */
    public void rollback() {
        handle.rollback();
    }

    /** Gives the connection back; commit or roll back first. */
    @Override
    public void close() {
        handle.close();
    }
}
