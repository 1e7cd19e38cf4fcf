package org.paperboy.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.config.PaperboyConfig;

/**
 * The system of record: a pooled connection to SQLite or PostgreSQL with the schema migrated by
 * Flyway on open. SQLite runs in WAL mode with foreign keys on and a busy timeout. Close it on
 * shutdown.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects Paperboy runs on. */
    public enum Dialect {
        SQLITE,
        POSTGRESQL
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String displayUrl;
    private final Path file;

    private Database(HikariDataSource dataSource, Dialect dialect, String displayUrl, Path file) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.displayUrl = displayUrl;
        this.file = file;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The default store: SQLite at {@code dataDir/paperboy.db}. */
    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("paperboy.db").toAbsolutePath();
    }

    /**
     * Opens and migrates the database at {@code jdbcUrl} ({@code jdbc:sqlite:...} or
     * {@code jdbc:postgresql://...}).
     *
     * @throws IllegalArgumentException for any other kind of URL
     */
    public static Database open(String jdbcUrl) {
        Dialect dialect = dialectOf(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("paperboy");
        Path file = null;
        if (dialect == Dialect.SQLITE) {
            file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the directory for " + file + ": " + e.getMessage(), e);
            }
            config.setDriverClassName("org.sqlite.JDBC");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("synchronous", "NORMAL");
            // Transactions take the write lock when they begin: one that reads before it writes
            // would otherwise fail with SQLITE_BUSY (not wait) when another writer got in between.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // One writer at a time is SQLite's model; a few readers may run beside it in WAL mode.
            config.setMaximumPoolSize(4);
        } else {
            config.setDriverClassName("org.postgresql.Driver");
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.setMaximumPoolSize(8);
        }
        config.setConnectionTimeout(30_000);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(placeholders(dialect))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect, masked(jdbcUrl), file == null ? null : file.toAbsolutePath());
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The database file of a SQLite store; empty for PostgreSQL. */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(file);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The JDBC URL with any password removed, for logs and messages. */
    public String displayUrl() {
        return displayUrl;
    }

    /** Runs {@code callback} in one transaction, committed on return, rolled back on exception. */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        return jdbi.inTransaction(callback);
    }

    /** Runs {@code callback} on a handle in auto-commit mode. */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /** Runs {@code work} in one transaction, committed on return, rolled back on exception. */
    public <R, X extends Exception> R transaction(Transaction.Work<R, X> work) throws X {
        return jdbi.inTransaction(h -> work.run(new Transaction(h)));
    }

    /** Runs {@code work} on one connection in auto-commit mode: each statement commits by itself. */
    public <R, X extends Exception> R read(Transaction.Work<R, X> work) throws X {
        return jdbi.withHandle(h -> work.run(new Transaction(h)));
    }

    /** Opens a transaction the caller must commit or roll back, and close. */
    public Transaction begin() {
        Handle h = jdbi.open();
        try {
            h.begin();
            return new Transaction(h);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /** Opens a handle the caller must close. */
    public Handle open() {
        return jdbi.open();
    }

    /**
     * Copies the SQLite store at {@code jdbcUrl} into the new file {@code target}, consistently
     * even while another process writes it ({@code VACUUM INTO}), without migrating it.
     *
     * @throws StoreException when the copy fails
     */
    public static void copySqlite(String jdbcUrl, Path target) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl);
                java.sql.PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        } catch (java.sql.SQLException e) {
            throw new StoreException("copying the store " + masked(jdbcUrl) + " to " + target, e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    static Dialect dialectOf(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
            return Dialect.SQLITE;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL '" + masked(String.valueOf(jdbcUrl))
                + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }

    private static Map<String, String> placeholders(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> Map.of("id_column", "INTEGER PRIMARY KEY AUTOINCREMENT", "bytes", "BLOB");
            case POSTGRESQL ->
                Map.of("id_column", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "bytes", "BYTEA");
        };
    }

    /** Hides passwords given as URL parameters or user info. */
    public static String masked(String url) {
        return PaperboyConfig.mask(url);
    }
}
