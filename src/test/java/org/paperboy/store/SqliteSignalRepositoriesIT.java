package org.paperboy.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The signal repositories' contract on a SQLite file. */
class SqliteSignalRepositoriesIT extends SignalRepositoriesContract {

    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("signals.db");
    }
}
