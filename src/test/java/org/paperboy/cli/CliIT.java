package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.store.Database;

/**
 * The {@code paperboy} command as a user runs it: the packaged jar in a separate JVM, real files,
 * a real SQLite store, exit codes and the exact lines printed.
 */
class CliIT {

    @TempDir
    Path dir;

    private static final String GOOD_1 = """
            {"id": "2501.00001", "title": "Hybrid Retrieval\\n  for Papers", "authors": ["Ada Lovelace", "Alan Turing"], \
            "categories": ["cs.IR", "cs.CL"], "summary": "We fuse BM25\\nwith dense vectors.", "comment": null, \
            "abs": "https://arxiv.org/abs/2501.00001", "pdf": "https://arxiv.org/pdf/2501.00001", "listed_on": "2025-01-02"}""";
    private static final String GOOD_2 = """
            {"id": "2501.00002", "title": "Quantized Vectors", "authors": ["Grace Hopper"], "categories": ["cs.LG"], \
            "summary": "Int8 vectors lose little.", "comment": "9 pages", "abs": "https://arxiv.org/abs/2501.00002", \
            "pdf": "https://arxiv.org/pdf/2501.00002", "listed_on": "2025-01-03"}""";
    private static final String NO_TITLE = """
            {"id": "2501.00003", "authors": ["X"], "categories": ["cs.LG"], "summary": "No title here.", \
            "abs": "https://arxiv.org/abs/2501.00003", "pdf": "https://arxiv.org/pdf/2501.00003", "listed_on": "2025-01-03"}""";

    record Result(int exit, List<String> out, List<String> err) {
        String lastOut() {
            return out.isEmpty() ? "" : out.get(out.size() - 1);
        }

        String errText() {
            return String.join("\n", err);
        }
    }

    @Test
    void imports_good_lines_rejects_bad_ones_and_reimports_as_unchanged() throws Exception {
        Path file = write("mixed.jsonl", GOOD_1 + "\n" + NO_TITLE + "\n{broken\n" + GOOD_2 + "\n");

        Result first = run("import", "--no-index", file.toString());
        assertThat(first.exit()).isEqualTo(0);
        assertThat(first.lastOut()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=2");
        Path rejects = dir.resolve("data/rejects/run-1.jsonl");
        assertThat(first.errText()).contains("rejected records with reasons: " + rejects);
        List<String> rejectLines = Files.readAllLines(rejects);
        assertThat(rejectLines).hasSize(2);
        assertThat(rejectLines.get(0)).contains("\"line\":2").contains("title: missing or empty");
        assertThat(rejectLines.get(1)).contains("\"line\":3").contains("malformed JSON");

        Result second = run("import", "--no-index", file.toString());
        assertThat(second.exit()).isEqualTo(0);
        assertThat(second.lastOut()).isEqualTo("imported=0 updated=0 unchanged=2 rejected=2");

        Result stats = run("stats");
        assertThat(stats.exit()).isEqualTo(0);
        assertThat(stats.out())
                .contains(
                        "papers:         2",
                        "listed days:    2",
                        "date range:     2025-01-02 .. 2025-01-03",
                        "rejects:        4 unresolved",
                        "search index:   none yet; 2 papers waiting");
    }

    @Test
    void a_missing_file_stops_the_import_at_once_naming_it_with_nothing_stored_or_indexed() throws Exception {
        Path good = write("good.jsonl", GOOD_1 + "\n");
        Path other = write("other.jsonl", GOOD_2 + "\n");
        assertThat(run("import", "--no-index", good.toString()).exit()).isEqualTo(0);
        Path missing = dir.resolve("nope.jsonl");

        Result r = run("import", missing.toString(), other.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).containsExactly("paperboy: " + missing + ": no such file", "paperboy: nothing imported");
        assertThat(dir.resolve("data/index")).doesNotExist();
        assertThat(run("stats").out()).contains("papers:         1");
    }

    @Test
    void a_file_that_fails_while_read_leaves_the_index_alone_and_exits_1() throws Exception {
        Path good = write("good.jsonl", GOOD_1 + "\n");
        Path truncated = dir.resolve("cut.jsonl.gz");
        Files.write(truncated, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});

        Result r = run("import", good.toString(), truncated.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lastOut()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=0");
        assertThat(r.err())
                .contains(
                        "index: not updated, since a file failed; the next import, reindex or serve brings it up to date");
        assertThat(dir.resolve("data/index")).doesNotExist();
    }

    @Test
    void a_full_disk_stops_the_import_naming_the_file_and_the_data_directory_and_keeps_what_was_stored()
            throws Exception {
        Path data = dir.resolve("data");
        Path first = write("first.jsonl", GOOD_1 + "\n" + NO_TITLE + "\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append(GOOD_2.replace("2501.00002", String.format(java.util.Locale.ROOT, "2502.%05d", i))
                            .replace("Int8 vectors lose little.", "Int8 vectors lose little. ".repeat(80)))
                    .append('\n');
        }
        Path large = write("large.jsonl", big.toString());
        Path last = write("last.jsonl", GOOD_2 + "\n");
        assertThat(run("stats").exit()).isEqualTo(0); // creates the store
        // SQLite's page limit makes the database "full" a few hundred KB on, as a full disk would.
        String limited = Database.sqliteUrl(data) + "?max_page_count=" + (pageCount(data) + 60);

        Result r = run("--db", limited, "import", first.toString(), large.toString(), last.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lastOut()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=1");
        assertThat(r.err())
                .contains(
                        "paperboy: " + large + ": the disk is full (SQLITE_FULL) writing " + data.resolve("paperboy.db")
                                + "; nothing from this file was stored",
                        "rejected records with reasons: " + data.resolve("rejects/run-1.jsonl"),
                        "paperboy: the disk of the data directory " + data + " is full: free space there, then import "
                                + large + " " + last + " again (what was imported before is stored, rejects included)",
                        "index: not updated, since a file failed; the next import, reindex or serve brings it up to date");
        assertThat(r.errText()).doesNotContain("Exception");
        assertThat(Files.readAllLines(data.resolve("rejects/run-1.jsonl")))
                .singleElement()
                .asString()
                .contains("title: missing or empty");
        assertThat(run("stats").out()).contains("papers:         1", "rejects:        1 unresolved");
    }

    @Test
    void usage_errors_exit_with_code_2() throws Exception {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("import").exit()).isEqualTo(2);
        Result badFormat = run("import", "--format", "csv", "x.jsonl");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.errText()).contains("unknown format 'csv'");
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void digest_send_with_a_date_that_is_no_day_exits_2_naming_the_value() throws Exception {
        Result r = run("digest", "send", "--date", "2026-13-45");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsExactly("paperboy: --date: '2026-13-45' is not a day YYYY-MM-DD, e.g. 2026-07-01");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void digest_send_without_a_base_url_exits_1_naming_the_key_and_sends_nothing() throws Exception {
        Result r = run("digest", "send", "--date", "2026-07-01");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).contains("PAPERBOY_BASE_URL is not set; digest send writes every link");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void every_command_has_help() throws Exception {
        Result top = run("--help");
        assertThat(top.exit()).isEqualTo(0);
        for (String command : List.of(
                "import",
                "harvest",
                "export",
                "stats",
                "reindex",
                "search",
                "similar",
                "eval",
                "serve",
                "bench",
                "digest",
                "sources",
                "train-embedder")) {
            assertThat(top.out()).anyMatch(line -> line.strip().startsWith(command));
            Result help = run(command, "--help");
            assertThat(help.exit()).as(command).isEqualTo(0);
            assertThat(help.out().get(0)).startsWith("Usage: paperboy " + command);
        }
    }

    @Test
    void export_round_trips_through_import() throws Exception {
        Path file = write("papers.jsonl", GOOD_1 + "\n" + GOOD_2 + "\n");
        assertThat(run("import", "--no-index", file.toString()).exit()).isEqualTo(0);

        Path exported = dir.resolve("export/all.jsonl.gz");
        Result export = run("export", "--out", exported.toString());
        assertThat(export.exit()).isEqualTo(0);
        assertThat(export.lastOut()).isEqualTo("2 papers exported to " + exported);

        assertThat(run("import", "--no-index", exported.toString()).lastOut())
                .isEqualTo("imported=0 updated=0 unchanged=2 rejected=0");
        Result elsewhere = run("--data", dir.resolve("other").toString(), "import", "--no-index", exported.toString());
        assertThat(elsewhere.lastOut()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=0");

        Result toStdout = run("export");
        assertThat(toStdout.out()).hasSize(2);
        assertThat(toStdout.out().get(0))
                .startsWith("{\"id\":\"2501.00001\",\"version\":0," + "\"title\":\"Hybrid Retrieval for Papers\"");
        assertThat(toStdout.err()).contains("2 papers exported");
    }

    @Test
    void an_invalid_setting_stops_with_a_message_naming_the_key() throws Exception {
        Result r = run(Map.of("PAPERBOY_PORT", "eighty"), "serve");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).contains("PAPERBOY_PORT='eighty' is not a port number");
    }

    @Test
    void harvests_from_an_oai_pmh_endpoint() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oai", exchange -> {
            byte[] body = oaiPage().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/oai";
            Result r = run("harvest", "--no-index", "--url", url, "--from", "2024-05-01", "--until", "2024-05-01");
            assertThat(r.exit()).as(r.errText()).isEqualTo(0);
            assertThat(r.lastOut()).isEqualTo("imported=1 updated=0 unchanged=0 rejected=0");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_full_disk_in_any_command_is_reported_as_such_with_the_data_directory() throws Exception {
        String one =
                oaiPage().substring(oaiPage().indexOf("<record>"), oaiPage().indexOf("<resumptionToken/>"));
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            records.append(one.replace("2405.00001", String.format(java.util.Locale.ROOT, "2405.%05d", i + 1))
                    .replace("An abstract.", "An abstract that takes room. ".repeat(60)));
        }
        String page = oaiPage().replace(one, records.toString());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oai", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path data = dir.resolve("data");
            assertThat(run("stats").exit()).isEqualTo(0);
            String limited = Database.sqliteUrl(data) + "?max_page_count=" + (pageCount(data) + 30);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/oai";

            Result r = run(
                    "--db",
                    limited,
                    "harvest",
                    "--no-index",
                    "--url",
                    url,
                    "--from",
                    "2024-05-01",
                    "--until",
                    "2024-05-01");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err())
                    .contains("paperboy: harvest failed: the disk is full (SQLITE_FULL); free space on the disk of the"
                            + " data directory " + data + " and run it again; what was committed before is kept");
            assertThat(r.errText()).doesNotContain("Exception");
        } finally {
            server.stop(0);
        }
    }

    private static long pageCount(Path data) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(Database.sqliteUrl(data));
                var rs = c.createStatement().executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void searches_and_finds_similar_papers_after_an_import() throws Exception {
        String cooking = """
                {"id": "2501.00009", "title": "Slow Cooking of Beans", "authors": ["Julia Child"], \
                "categories": ["physics.pop-ph"], "summary": "Beans soften when simmered for hours in salted water.", \
                "abs": "https://arxiv.org/abs/2501.00009", "pdf": "https://arxiv.org/pdf/2501.00009", \
                "listed_on": "2025-01-04"}""";
        Path file = write("papers.jsonl", GOOD_1 + "\n" + GOOD_2 + "\n" + cooking + "\n");

        Result imported = run("import", file.toString());
        assertThat(imported.exit()).as(imported.errText()).isEqualTo(0);
        assertThat(imported.lastOut()).isEqualTo("imported=3 updated=0 unchanged=0 rejected=0");
        assertThat(imported.err()).contains("index: 3 documents and 3 vectors updated");

        Result bm25 = run("search", "--mode", "bm25", "dense", "vectors");
        assertThat(bm25.exit()).isEqualTo(0);
        assertThat(bm25.out().get(0)).startsWith("  1. 2501.00001").contains("Hybrid Retrieval for Papers");

        Result hybrid = run("search", "--json", "--limit", "1", "simmering legumes in a pot");
        assertThat(hybrid.exit()).isEqualTo(0);
        assertThat(hybrid.lastOut()).startsWith("{\"total\":").contains("\"id\":\"2501.00009\"");

        Result similar = run("similar", "arXiv:2501.00001v1");
        assertThat(similar.exit()).isEqualTo(0);
        assertThat(similar.out()).noneMatch(line -> line.contains("2501.00001 "));
        assertThat(similar.out().get(0)).startsWith("  1. 2501.0000");

        assertThat(run("search", " ").exit()).isEqualTo(2);
        assertThat(run("search", "--mode", "bm25", "\"(unbalanced", "title:", "*", "AND", "\\")
                        .exit())
                .isEqualTo(0);
        Result unknown = run("similar", "2501.99999");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("paperboy: no paper with id '2501.99999'");
    }

    @Test
    void train_embedder_refuses_zero_papers_and_an_empty_store() throws Exception {
        Result zero = run("train-embedder", "--papers", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).first().isEqualTo("--papers must be at least 1, got 0");

        Result empty = run("train-embedder");
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(empty.err())
                .containsExactly("paperboy: the store at " + dir.resolve("data").toAbsolutePath()
                        + " has no papers to train the student embedder on; import some first");
        assertThat(dir.resolve("data/student.model")).doesNotExist();
    }

    @Test
    void train_embedder_writes_a_student_model_and_eval_scores_with_one() throws Exception {
        String third =
                GOOD_2.replace("2501.00002", "2501.00004").replace("Quantized Vectors", "Quantized Dense Vectors");
        Path file = write("papers.jsonl", GOOD_1 + "\n" + GOOD_2 + "\n" + third + "\n");
        assertThat(run("import", "--no-index", file.toString()).exit()).isEqualTo(0);

        Result r = run("train-embedder", "--epochs", "2", "--dims", "64");

        assertThat(r.exit()).as(r.errText()).isEqualTo(0);
        assertThat(r.out()).hasSize(3);
        assertThat(r.out().get(0)).matches("epoch 1/2 loss \\d+\\.\\d{6} held-out cosine -");
        assertThat(r.lastOut())
                .matches("wrote "
                        + java.util.regex.Pattern.quote(
                                dir.resolve("data/student.model").toString())
                        + ": paperboy-student-[0-9a-f]{16}-d64, \\d+ features x 64 dimensions, .* MB, "
                        + "trained on 3 papers in .* s");
        assertThat(r.err()).contains("train-embedder: 3 papers for training, 0 held out; 11 n-gram features");

        Path beir = dir.resolve("beir");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Protein folding", "text": "We predict the fold of a protein."}
                {"_id": "d2", "title": "Robot grasping", "text": "A robot arm learns to pick up objects."}
                {"_id": "d3", "title": "Robot folding", "text": "A robot arm folds a protein model."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"robot arm\"}\n");
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td2\t1\n");

        Result eval = run("eval", "--beir", beir.toString(), "--embedder", "student", "--mode", "dense");

        assertThat(eval.exit()).as(eval.errText()).isEqualTo(0);
        assertThat(eval.out())
                .singleElement()
                .asString()
                .matches("\\{\"dataset\":\"beir\",\"mode\":\"dense\",\"embedder\":\"student\","
                        + "\"model\":\"paperboy-student-[0-9a-f]{16}-d128\",\"train_s\":[0-9.]+,"
                        + "\"docs_per_s\":\\d+,\"ndcg@10\":.*\"queries\":1}");
    }

    @Test
    void eval_names_the_fusion_of_its_hybrid_line() throws Exception {
        Path beir = dir.resolve("beir");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Protein folding", "text": "We predict the fold of a protein."}
                {"_id": "d2", "title": "Robot grasping", "text": "A robot arm learns to pick up objects."}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"robot arm\"}\n");
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td2\t1\n");

        Result r = run("eval", "--beir", beir.toString(), "--mode", "hybrid", "--fusion", "rrf");

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out())
                .containsExactly("{\"dataset\":\"beir\",\"mode\":\"hybrid\",\"embedder\":\"minilm\",\"fusion\":\"rrf\","
                        + "\"ndcg@10\":1.0,"
                        + "\"recall@100\":1.0,\"mrr@10\":1.0,\"queries\":1}");
    }

    @Test
    void serve_prints_its_address_and_answers_health() throws Exception {
        Process p = start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1");
        p.getErrorStream().close();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).matches("Paperboy listening on http://127\\.0\\.0\\.1:\\d+/");
            String base = line.substring("Paperboy listening on ".length());
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(base + "health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body())
                        .matches(
                                "\\{\"status\":\"ok\",\"papers\":0,\"indexDocuments\":0,\"indexVectors\":0,"
                                        + "\"indexing\":\"(starting|indexing|up to date)\",\"search\":\\{\"backend\":\"lucene\"}}");
                HttpResponse<String> search = http.send(
                        HttpRequest.newBuilder(URI.create(base + "api/papers/search?q=dense+retrieval&mode=bm25"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(search.statusCode()).isEqualTo(200);
                assertThat(search.body()).isEqualTo("[]");
                assertThat(search.headers().firstValue("X-Total-Count")).hasValue("0");
                HttpResponse<String> badLimit = http.send(
                        HttpRequest.newBuilder(URI.create(base + "api/papers/search?q=x&limit=lots"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(badLimit.statusCode()).isEqualTo(400);
                assertThat(badLimit.body())
                        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"limit: 'lots' is not a whole number from 1 to 100\",\"errors\":["
                                + "{\"field\":\"limit\",\"value\":\"lots\","
                                + "\"reason\":\"'lots' is not a whole number from 1 to 100\"}]}");
                HttpResponse<String> missing = http.send(
                        HttpRequest.newBuilder(URI.create(base + "api/nope")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(missing.statusCode()).isEqualTo(404);
                assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void import_beside_a_running_serve_stores_everything_and_leaves_indexing_to_it() throws Exception {
        Path file = write("papers.jsonl", GOOD_1 + "\n" + GOOD_2 + "\n");
        Process serve = start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1");
        serve.getErrorStream().close();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = listeningAt(serve);

            Result r = run("import", file.toString());

            assertThat(r.exit()).as(r.errText()).isEqualTo(0);
            assertThat(r.lastOut()).isEqualTo("imported=2 updated=0 unchanged=0 rejected=0");
            assertThat(r.err())
                    .contains("index: left to the paperboy process writing " + dir.resolve("data/index")
                            + " (a running serve indexes these papers within seconds; otherwise the next import,"
                            + " reindex or serve does)");
            awaitBody(http, base + "health", "\"indexDocuments\":2,\"indexVectors\":2,");
        } finally {
            stop(serve);
        }
    }

    @Test
    void serve_beside_another_writer_searches_its_last_commit_and_takes_over_when_it_ends() throws Exception {
        assertThat(run("import", write("one.jsonl", GOOD_1 + "\n").toString()).exit())
                .isEqualTo(0);
        Path indexDir = dir.resolve("data/index");
        org.paperboy.search.lucene.LucenePaperIndex writer = org.paperboy.search.lucene.LucenePaperIndex.open(
                indexDir, 384, org.paperboy.search.VectorEncoding.INT8); // holds the write lock, as an import does
        Process serve = start(Map.of(), "serve", "--port", "0", "--host", "127.0.0.1");
        serve.getErrorStream().close();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = listeningAt(serve);
            assertThat(get(http, base + "api/papers/search?q=hybrid+retrieval&mode=bm25"))
                    .contains("\"id\":\"2501.00001\"");
            awaitBody(http, base + "health", "\"indexing\":\"another process writes the index since ");
            assertThat(run(
                                    "import",
                                    "--no-index",
                                    write("two.jsonl", GOOD_2 + "\n").toString())
                            .exit())
                    .isEqualTo(0);

            writer.close();

            awaitBody(http, base + "health", "\"indexDocuments\":2,\"indexVectors\":2,\"indexing\":\"up to date\"");
            assertThat(get(http, base + "api/papers/search?q=quantized+vectors&mode=bm25"))
                    .contains("\"id\":\"2501.00002\"");
        } finally {
            writer.close();
            stop(serve);
        }
    }

    private static String listeningAt(Process serve) throws IOException {
        String line =
                new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).matches("Paperboy listening on http://127\\.0\\.0\\.1:\\d+/");
        return line.substring("Paperboy listening on ".length());
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** Asks {@code url} every 200 ms until its body contains {@code expected}, for up to 90 s. */
    private static void awaitBody(HttpClient http, String url, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String body = get(http, url);
        while (!body.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            body = get(http, url);
        }
        assertThat(body).contains(expected);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sources_run_fetches_from_an_upstream_once_and_sources_shows_how_it_went() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        try (org.paperboy.sources.FakeHfUpstream hf = new org.paperboy.sources.FakeHfUpstream()) {
            hf.day(today, org.paperboy.sources.FakeHfUpstream.items(today, 2));
            hf.day(today.minusDays(1), List.of("{\"paper\":{\"id\":\"2607.99999\",\"summary\":\"no title\"}}"));
            Map<String, String> env =
                    Map.of("PAPERBOY_HF_ENDPOINT", hf.endpoint().toString());

            Result off = run(env, "sources");
            assertThat(off.exit()).isEqualTo(0);
            assertThat(off.lastOut()).startsWith("No scheduled sources (PAPERBOY_SOURCES=none).");

            Result ran = run(
                    env,
                    "sources",
                    "run",
                    "hf-daily",
                    "--no-index",
                    "--from",
                    today.minusDays(1).toString());
            assertThat(ran.exit()).isEqualTo(0);
            assertThat(ran.lastOut()).isEqualTo("hf-daily ok imported=2 updated=0 unchanged=0 rejected=1");
            assertThat(hf.requests())
                    .containsExactly(
                            "date=" + today.minusDays(1) + "&p=0&limit=100", "date=" + today + "&p=0&limit=100");

            Map<String, String> on = new HashMap<>(env);
            on.put("PAPERBOY_SOURCES", "hf-daily");
            Result status = run(on, "sources");
            assertThat(status.exit()).isEqualTo(0);
            assertThat(status.out().get(0)).startsWith("SOURCE    STATUS    LAST RUN");
            assertThat(status.out().get(1))
                    .startsWith("hf-daily  ok        ")
                    .contains(" 2       1        " + today + " ");

            Result unknown = run(env, "sources", "run", "reddit");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.errText()).contains("'reddit' is not a source; use one of hf-daily, arxiv, paperboy");
        }
    }

    private static String oaiPage() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                  <responseDate>2024-05-02T00:00:00Z</responseDate>
                  <request verb="ListRecords">http://example.org/oai</request>
                  <ListRecords>
                    <record>
                      <header><identifier>oai:arXiv.org:2405.00001</identifier><datestamp>2024-05-01</datestamp></header>
                      <metadata>
                        <arXiv xmlns="http://arxiv.org/OAI/arXiv/">
                          <id>2405.00001</id><created>2024-05-01</created>
                          <authors><author><keyname>Lovelace</keyname><forenames>Ada</forenames></author></authors>
                          <title>Harvested Paper</title><categories>cs.IR</categories>
                          <abstract>An abstract.</abstract>
                        </arXiv>
                      </metadata>
                    </record>
                    <resumptionToken/>
                  </ListRecords>
                </OAI-PMH>
                """;
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        Process p = start(env, args);
        p.getOutputStream().close();
        var out = p.inputReader(StandardCharsets.UTF_8).lines().toList();
        var err = p.errorReader(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                .toList();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of("target/paperboy.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-jar",
                jar.toString()));
        if (args.length == 0 || !args[0].equals("--data")) {
            command.add("--data");
            command.add(dir.resolve("data").toString());
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = new HashMap<>(pb.environment());
        environment.keySet().removeIf(k -> k.startsWith("PAPERBOY_"));
        // No test contacts huggingface.co or arxiv.org: scheduled sources stay off unless a test sets them.
        environment.put("PAPERBOY_SOURCES", "none");
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(env);
        return pb.start();
    }
}
