package org.paperboy.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The signal repositories' contract on PostgreSQL: one server for the class, a new database per test. */
class PostgresSignalRepositoriesIT extends SignalRepositoriesContract {

    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    String newDatabaseUrl() throws SQLException {
        return postgres.newDatabaseUrl();
    }
}
