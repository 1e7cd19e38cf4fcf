package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The repository contract on PostgreSQL: one server for the class, a new database per test. */
class PostgresPaperRepositoryIT extends PaperRepositoryContract {

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

    @Test
    void opens_a_postgresql_database_with_the_postgresql_dialect() {
        assertThat(db.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
        assertThat(db.displayUrl()).startsWith("jdbc:postgresql://localhost:").endsWith("?user=postgres");
    }
}
