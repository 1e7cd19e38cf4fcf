package org.paperboy.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The digest store contract on SQLite. */
class SqliteDigestStoreIT extends DigestStoreContract {

    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return Database.sqliteUrl(dir);
    }
}
