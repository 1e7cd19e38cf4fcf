package org.paperboy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on SQLite files, plus what only concerns opening a database by URL. */
class SqlitePaperRepositoryIT extends PaperRepositoryContract {

    @TempDir
    Path dir;

    private int files;

    @Override
    String newDatabaseUrl() {
        files++;
        return "jdbc:sqlite:" + dir.resolve(files == 1 ? "p.db" : "p" + files + ".db");
    }

    @Test
    void opens_a_sqlite_database_with_the_sqlite_dialect() {
        assertThat(db.dialect()).isEqualTo(Database.Dialect.SQLITE);
        assertThat(db.displayUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("p.db"));
    }

    @Test
    void opening_the_same_file_twice_at_once_shares_its_data() {
        Database second = open(url);
        insert(fullPaper());

        assertThat(new PaperRepository(second, CLOCK).find("2603.28800")).contains(fullPaper());
    }

    @Test
    void creates_the_missing_directories_of_a_sqlite_file() {
        Path nested = dir.resolve("a/b/paperboy.db");

        Database d = open("jdbc:sqlite:" + nested);

        assertThat(nested).isRegularFile();
        assertThat(new PaperRepository(d, CLOCK).count()).isZero();
    }

    @Test
    void refuses_an_unsupported_url_with_a_message_naming_it_and_the_supported_ones() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost:3306/paperboy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported database URL 'jdbc:mysql://localhost:3306/paperboy': "
                        + "use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/paperboy?user=pb&password=s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported database URL 'jdbc:mysql://localhost/paperboy?user=pb&password=****': "
                        + "use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        assertThatThrownBy(() -> Database.open(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported database URL 'null': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        assertThatThrownBy(() -> Database.open(dir.resolve("p.db").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported database URL '" + dir.resolve("p.db")
                        + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }
}
