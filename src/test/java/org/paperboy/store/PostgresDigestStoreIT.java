package org.paperboy.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The digest store contract on PostgreSQL: one server for the class, a new database per test. */
class PostgresDigestStoreIT extends DigestStoreContract {

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
    String newDatabaseUrl() throws Exception {
        return postgres.newDatabaseUrl();
    }
}
