package org.paperboy.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The digest store contract on PostgreSQL: one server for the class, a new database per test. */
class PostgresDigestStoreIT extends DigestStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
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
        String name = "digest" + DATABASES.incrementAndGet();
        try (Connection c = postgres.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.jdbcUrl().replace("/postgres?", "/" + name + "?");
    }
}
