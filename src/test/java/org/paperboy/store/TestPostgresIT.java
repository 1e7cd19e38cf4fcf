package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresIT {

    @Test
    void runs_a_real_postgresql_server_until_closed() throws SQLException {
        String url;
        try (TestPostgres postgres = TestPostgres.start()) {
            url = postgres.jdbcUrl();
            assertThat(url).matches("jdbc:postgresql://localhost:\\d+/postgres\\?user=postgres");
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("select version()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).startsWith("PostgreSQL");
            }
            try (Connection connection = postgres.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("select current_user")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("postgres");
            }
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
    }
}
