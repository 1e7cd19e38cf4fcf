package org.paperboy.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The account repositories' contract on a SQLite file. */
class SqliteAccountRepositoriesIT extends AccountRepositoriesContract {

    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("accounts.db");
    }
}
