package org.paperboy.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a full disk apart from other failures, whatever wraps it (JDBI, HikariCP, Lucene, an
 * {@link java.io.UncheckedIOException}): callers then say "the disk is full" instead of the
 * wrapper's message, which for SQLite is often a follow-up error such as "no transaction is
 * active" (SQLite rolls the transaction back itself when it runs out of space).
 */
public final class DiskFull {

    /** PostgreSQL's SQLSTATE for {@code disk_full}. */
    private static final String POSTGRES_DISK_FULL = "53100";

    private DiskFull() {}

    /**
     * The error that says the disk is full somewhere among {@code e}, its causes and suppressed
     * exceptions: {@code SQLITE_FULL}, {@code SQLSTATE 53100} (PostgreSQL) or
     * {@code No space left on device} (a file write); empty when there is none.
     */
    public static Optional<String> reason(Throwable e) {
        return find(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Optional<String> find(Throwable e, Set<Throwable> seen) {
        if (e == null || !seen.add(e) || seen.size() > 50) {
            return Optional.empty();
        }
        if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
            return Optional.of("SQLITE_FULL");
        }
        if (e instanceof SQLException s && POSTGRES_DISK_FULL.equals(s.getSQLState())) {
            return Optional.of("SQLSTATE " + POSTGRES_DISK_FULL + " disk_full");
        }
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains("No space left on device")) {
            return Optional.of("No space left on device");
        }
        Optional<String> found = find(e.getCause(), seen);
        if (found.isPresent()) {
            return found;
        }
        if (e instanceof SQLException s) {
            found = find(s.getNextException(), seen);
            if (found.isPresent()) {
                return found;
            }
        }
        for (Throwable suppressed : e.getSuppressed()) {
            found = find(suppressed, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
