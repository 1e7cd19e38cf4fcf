package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DiskFullTest {

    @Test
    void finds_sqlite_full_under_wrappers_and_behind_a_suppressed_rollback_failure() {
        SQLiteException full = new SQLiteException("database or disk is full", SQLiteErrorCode.SQLITE_FULL);
        RuntimeException wrapped = new StoreException("cannot insert papers", full);
        assertThat(DiskFull.reason(wrapped)).contains("SQLITE_FULL");

        RuntimeException outer = new IllegalStateException("no transaction is active");
        outer.addSuppressed(new RuntimeException(wrapped));
        assertThat(DiskFull.reason(outer)).contains("SQLITE_FULL");
    }

    @Test
    void finds_postgresql_disk_full_and_a_file_write_out_of_space() {
        SQLException pg = new SQLException("could not extend file", "53100");
        assertThat(DiskFull.reason(new RuntimeException(pg))).contains("SQLSTATE 53100 disk_full");

        IOException enospc = new IOException("No space left on device");
        assertThat(DiskFull.reason(new UncheckedIOException("cannot write", enospc)))
                .contains("No space left on device");
    }

    @Test
    void says_nothing_for_other_failures() {
        SQLiteException busy = new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY);
        assertThat(DiskFull.reason(new StoreException("cannot insert papers", busy)))
                .isEmpty();
        assertThat(DiskFull.reason(new IOException("Permission denied"))).isEmpty();
        assertThat(DiskFull.reason(null)).isEmpty();
    }
}
