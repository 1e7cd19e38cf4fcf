package org.paperboy.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.cli.ServeProcess;
import org.paperboy.store.TestPostgres;

/**
 * Scheduled sources in real {@code serve} processes (separate JVMs) against a fake Hugging Face
 * upstream on loopback: a server killed with SIGKILL in the middle of a day's pages, then started
 * again, catches up with no paper lost or stored twice; two servers on one PostgreSQL run each
 * scheduled run once between them.
 */
class ServeSourcesIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void after_kill_9_in_the_middle_of_a_day_the_restarted_server_catches_up_with_every_paper_once() throws Exception {
        // Seven days (a first run reaches back six); the fourth has two pages and hangs on its second.
        LocalDate big = TODAY.minusDays(3);
        int expected = 0;
        try (FakeHfUpstream hf = new FakeHfUpstream()) {
            for (LocalDate d = TODAY.minusDays(6); !d.isAfter(TODAY); d = d.plusDays(1)) {
                int n = d.equals(big) ? 150 : 30;
                hf.day(d, FakeHfUpstream.items(d, n));
                expected += n;
            }
            hf.hold(big, 1);
            Path data = dir.resolve("data");
            String db = "jdbc:sqlite:" + data.resolve("paperboy.db");
            Map<String, String> env = Map.of(
                    "PAPERBOY_SOURCES", "hf-daily",
                    "PAPERBOY_HF_ENDPOINT", hf.endpoint().toString(),
                    "PAPERBOY_SOURCES_BACKFILL_DAYS", "6");

            Process first = ServeProcess.start(dir, data, env, "first").process();
            assertThat(hf.awaitHeld(90))
                    .as("the run reached the second page of " + big)
                    .isTrue();
            first.destroyForcibly(); // SIGKILL, with page 0 of that day stored and page 1 in flight
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int storedBeforeKill = 3 * 30 + 100;
            assertThat(count(db, "SELECT COUNT(*) FROM papers")).isEqualTo(storedBeforeKill);
            assertThat(rows(db, "SELECT status FROM source_runs ORDER BY id")).containsExactly(List.of("running"));

            hf.release();
            hf.forget();
            try (ServeProcess second = ServeProcess.start(dir, data, env, "second")) {
                await(
                        db,
                        "SELECT status FROM source_runs ORDER BY id",
                        r -> r.size() == 2 && !r.get(1).get(0).equals("running"));
            }

            assertThat(rows(db, "SELECT status, imported, updated, unchanged, rejected FROM source_runs ORDER BY id"))
                    .as("the killed run is marked abandoned; the catch-up re-reads the unfinished day whole")
                    .containsExactly(
                            List.of("abandoned", Integer.toString(storedBeforeKill), "0", "0", "0"),
                            List.of("ok", Integer.toString(expected - storedBeforeKill), "0", "100", "0"));
            assertThat(count(db, "SELECT COUNT(*) FROM papers")).isEqualTo(expected);
            assertThat(count(db, "SELECT COUNT(*) FROM paper_upstream")).isEqualTo(expected);
            assertThat(rows(db, "SELECT fetched_until FROM source_state WHERE source = 'hf-daily'"))
                    .containsExactly(List.of(TODAY.toString()));
            assertThat(hf.requests())
                    .as("the catch-up starts at the day that was not finished")
                    .first()
                    .asString()
                    .startsWith("date=" + big + "&p=0&");
        }
    }

    @Test
    void two_servers_on_one_postgresql_run_each_scheduled_run_once() throws Exception {
        try (TestPostgres postgres = TestPostgres.start();
                FakeHfUpstream hf = new FakeHfUpstream()) {
            hf.day(TODAY, FakeHfUpstream.items(TODAY, 5));
            String firstId = String.format(
                    "%02d%02d.%02d001", TODAY.getYear() % 100, TODAY.getMonthValue(), TODAY.getDayOfMonth());
            String url = postgres.newDatabaseUrl();
            Map<String, String> env = Map.of(
                    "PAPERBOY_DB", url,
                    "PAPERBOY_SOURCES", "hf-daily",
                    "PAPERBOY_HF_ENDPOINT", hf.endpoint().toString(),
                    "PAPERBOY_SOURCES_EVERY", "PT3S",
                    "PAPERBOY_SOURCES_BACKFILL_DAYS", "0");
            List<List<String>> runs;
            try (ServeProcess a = ServeProcess.start(dir, dir.resolve("a"), env, "a");
                    ServeProcess b = ServeProcess.start(dir, dir.resolve("b"), env, "b")) {
                String baseA = a.baseUrl();
                String baseB = b.baseUrl();
                runs = await(
                        url,
                        "SELECT status, started_at, finished_at FROM source_runs ORDER BY id",
                        r -> r.size() >= 6
                                && r.stream()
                                        .limit(6)
                                        .noneMatch(run -> run.get(0).equals("running")));
                try (HttpClient http = HttpClient.newHttpClient()) {
                    for (String base : List.of(baseA, baseB)) {
                        assertThat(get(http, base + "api/daily_papers?date=" + TODAY))
                                .as("both nodes serve the papers one of them fetched")
                                .contains("\"title\":\"Paper " + firstId + "\"");
                    }
                }
            }
            runs = rows(url, "SELECT status, started_at, finished_at FROM source_runs ORDER BY id");
            List<List<String>> finished =
                    runs.stream().filter(r -> !r.get(0).equals("running")).toList();
            assertThat(finished).extracting(r -> r.get(0)).containsOnly("ok");
            for (int i = 1; i < finished.size(); i++) {
                long previousStart = Long.parseLong(finished.get(i - 1).get(1));
                long previousEnd = Long.parseLong(finished.get(i - 1).get(2));
                long start = Long.parseLong(finished.get(i).get(1));
                assertThat(start)
                        .as(
                                "run %d starts after run %d ended and a period (3 s, whole seconds) after it started",
                                i, i - 1)
                        .isGreaterThanOrEqualTo(previousEnd)
                        .isGreaterThanOrEqualTo(previousStart + 2);
            }
            long todayRequests = hf.requests().stream()
                    .filter(q -> q.startsWith("date=" + TODAY + "&p=0&"))
                    .count();
            assertThat(todayRequests)
                    .as("the upstream was asked once per recorded run")
                    .isEqualTo(runs.size());
            assertThat(count(url, "SELECT COUNT(*) FROM papers")).isEqualTo(5);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** Reads {@code sql} every 200 ms until its rows pass {@code done}, for up to 120 s. */
    private List<List<String>> await(String url, String sql, Predicate<List<List<String>>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<List<String>> rows = List.of();
        while (System.nanoTime() < deadline) {
            try {
                rows = rows(url, sql);
                if (done.test(rows)) {
                    return rows;
                }
            } catch (SQLException notYet) {
                // the server has not created its tables yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("gave up waiting; last rows: " + rows + "\n" + logs());
    }

    private String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".err")).toList()) {
                s.append("--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return s.toString();
    }

    private static long count(String url, String sql) throws SQLException {
        return Long.parseLong(rows(url, sql).get(0).get(0));
    }

    private static List<List<String>> rows(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }
}
