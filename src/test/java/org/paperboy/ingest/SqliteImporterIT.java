package org.paperboy.ingest;

/** The importer contract on SQLite files. */
class SqliteImporterIT extends ImporterContract {

    private int files;

    @Override
    String newDatabaseUrl() {
        files++;
        return "jdbc:sqlite:" + dir.resolve("db").resolve("p" + files + ".db");
    }
}
