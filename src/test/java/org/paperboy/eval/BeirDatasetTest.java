package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {

    private static final String CORPUS = """
            {"_id": "10", "title": "Aspirin and stroke", "text": "Low-dose aspirin lowers the risk."}
            {"_id": "11", "title": "", "text": "A document without a title."}

            {"_id": 12, "text": "Numeric id, no title field."}
            """;

    private static final String QUERIES = """
            {"_id": "1", "text": "aspirin prevents stroke"}
            {"_id": "2", "text": "untitled documents"}
            {"_id": "3", "text": "a training query"}
            """;

    private static final String TEST_QRELS = "query-id\tcorpus-id\tscore\n1\t10\t2\n1\t12\t0\n2\t11\t1\n";
    private static final String TRAIN_QRELS = "query-id\tcorpus-id\tscore\n3\t12\t1\n";

    @TempDir
    Path root;

    private Path dir;

    @BeforeEach
    void writeDataset() throws IOException {
        dir = root.resolve("mini");
        Files.createDirectories(dir.resolve("qrels"));
        write("corpus.jsonl", CORPUS);
        write("queries.jsonl", QUERIES);
        write("qrels/test.tsv", TEST_QRELS);
        write("qrels/train.tsv", TRAIN_QRELS);
    }

    @Test
    void loads_a_split_with_only_the_queries_judged_in_it() throws IOException {
        BeirDataset data = BeirDataset.load(dir, "test");

        assertThat(data.name()).isEqualTo("mini");
        assertThat(data.split()).isEqualTo("test");
        assertThat(data.queries())
                .containsExactly(
                        new BeirQuery("1", "aspirin prevents stroke"), new BeirQuery("2", "untitled documents"));
        assertThat(data.qrels()).isEqualTo(Map.of("1", Map.of("10", 2, "12", 0), "2", Map.of("11", 1)));
        assertThat(data.qrels().keySet()).containsExactly("1", "2");
        assertThat(data.judgments()).isEqualTo(3);
        assertThat(data.corpusSize()).isEqualTo(3);
        assertThat(data).hasToString("mini/test: 2 queries, 3 judgments, 3 documents");
    }

    @Test
    void the_train_split_has_its_own_queries() throws IOException {
        BeirDataset data = BeirDataset.load(dir, "train");

        assertThat(data.queries()).containsExactly(new BeirQuery("3", "a training query"));
        assertThat(data.qrels()).isEqualTo(Map.of("3", Map.of("12", 1)));
    }

    @Test
    void streams_the_corpus_keeping_documents_without_a_title() throws IOException {
        BeirDataset data = BeirDataset.load(dir, "test");

        List<BeirDoc> docs;
        try (Stream<BeirDoc> corpus = data.corpus()) {
            docs = corpus.toList();
        }
        assertThat(docs)
                .containsExactly(
                        new BeirDoc("10", "Aspirin and stroke", "Low-dose aspirin lowers the risk."),
                        new BeirDoc("11", "", "A document without a title."),
                        new BeirDoc("12", "", "Numeric id, no title field."));
        // every stream re-reads the file
        try (Stream<BeirDoc> again = data.corpus()) {
            assertThat(again.map(BeirDoc::id)).containsExactly("10", "11", "12");
        }
    }

    @Test
    void reads_a_gzipped_corpus() throws IOException {
        Files.delete(dir.resolve("corpus.jsonl"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus.jsonl.gz")))) {
            out.write(CORPUS.getBytes(StandardCharsets.UTF_8));
        }

        BeirDataset data = BeirDataset.load(dir, "test");

        assertThat(data.corpusSize()).isEqualTo(3);
        try (Stream<BeirDoc> corpus = data.corpus()) {
            assertThat(corpus.map(BeirDoc::id)).containsExactly("10", "11", "12");
        }
    }

    @Test
    void accepts_crlf_line_ends_and_a_byte_order_mark() throws IOException {
        write("qrels/test.tsv", "\uFEFF" + TEST_QRELS.replace("\n", "\r\n"));
        write("queries.jsonl", "\uFEFF" + QUERIES.replace("\n", "\r\n"));

        BeirDataset data = BeirDataset.load(dir, "test");

        assertThat(data.qrels()).isEqualTo(Map.of("1", Map.of("10", 2, "12", 0), "2", Map.of("11", 1)));
        assertThat(data.queries()).extracting(BeirQuery::id).containsExactly("1", "2");
    }

    @Test
    void a_missing_file_is_named_with_what_a_beir_directory_holds() throws IOException {
        Files.delete(dir.resolve("corpus.jsonl"));

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("corpus.jsonl.gz") + ": no such file; " + BeirDataset.LAYOUT);
    }

    @Test
    void an_unknown_split_lists_the_splits_there_are() {
        assertThatThrownBy(() -> BeirDataset.load(dir, "dev"))
                .isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("qrels/dev.tsv") + ": no such file; splits here: test, train; "
                        + BeirDataset.LAYOUT);
    }

    @Test
    void a_directory_that_does_not_exist_is_named() {
        Path missing = root.resolve("nowhere");

        assertThatThrownBy(() -> BeirDataset.load(missing, "test"))
                .isInstanceOf(DatasetException.class)
                .hasMessage(missing + ": not a directory; " + BeirDataset.LAYOUT);
    }

    @Test
    void a_malformed_corpus_line_is_reported_with_file_and_line() throws IOException {
        write("corpus.jsonl", CORPUS.replace("{\"_id\": 12,", "{\"_id\": 12"));

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir.resolve("corpus.jsonl") + ":4: not valid JSON (")
                .satisfies(e -> {
                    assertThat(((DatasetException) e).file()).isEqualTo(dir.resolve("corpus.jsonl"));
                    assertThat(((DatasetException) e).line()).isEqualTo(4);
                });
    }

    @Test
    void a_malformed_line_in_a_gzipped_corpus_keeps_its_line_number() throws IOException {
        Files.delete(dir.resolve("corpus.jsonl"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus.jsonl.gz")))) {
            out.write((CORPUS + "[1, 2]\n").getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("corpus.jsonl.gz") + ":5: expected one JSON object per line, found array");
    }

    @Test
    void a_truncated_gzipped_corpus_is_reported_with_the_line_it_broke_on() throws IOException {
        Files.delete(dir.resolve("corpus.jsonl"));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(zipped)) {
            for (int i = 0; i < 2000; i++) {
                String line = "{\"_id\": \"" + i + "\", \"text\": \"document " + i * 7919 + "\"}\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = zipped.toByteArray();
        Files.write(dir.resolve("corpus.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir.resolve("corpus.jsonl.gz") + ":")
                .hasMessageContaining(": gzip data is corrupt or truncated (");
    }

    @Test
    void a_document_without_text_is_rejected() throws IOException {
        write("corpus.jsonl", CORPUS + "{\"_id\": \"13\", \"title\": \"T\", \"abstract\": \"wrong key\"}\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("corpus.jsonl") + ":5: field \"text\" is missing");
    }

    @Test
    void a_title_that_is_not_a_string_is_rejected() throws IOException {
        write("corpus.jsonl", "{\"_id\": \"1\", \"title\": [\"a\"], \"text\": \"t\"}\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("corpus.jsonl") + ":1: field \"title\" must be a string, found [\"a\"]");
    }

    @Test
    void a_repeated_document_id_is_rejected() throws IOException {
        write("corpus.jsonl", CORPUS + "{\"_id\": \"11\", \"text\": \"again\"}\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("corpus.jsonl") + ":5: _id '11' repeats the document on line 2");
    }

    @Test
    void an_id_with_whitespace_is_rejected() throws IOException {
        write("queries.jsonl", QUERIES + "{\"_id\": \"4 5\", \"text\": \"x\"}\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("queries.jsonl") + ":4: _id '4 5' contains whitespace");
    }

    @Test
    void invalid_utf8_is_reported_on_its_own_line() throws IOException {
        byte[] bad = "{\"_id\": \"9\", \"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        try (OutputStream out = Files.newOutputStream(dir.resolve("corpus.jsonl"))) {
            out.write(CORPUS.getBytes(StandardCharsets.UTF_8));
            out.write(bad);
        }

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("corpus.jsonl") + ":5: not valid UTF-8");
    }

    @Test
    void a_qrels_score_that_is_not_an_integer_is_rejected() throws IOException {
        write("qrels/test.tsv", TEST_QRELS + "2\t10\t0.5\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("qrels/test.tsv") + ":5: score '0.5' is not an integer");
    }

    @Test
    void a_qrels_line_must_have_three_tab_separated_fields() throws IOException {
        write("qrels/test.tsv", TEST_QRELS + "2 10 1\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("qrels/test.tsv")
                        + ":5: expected 3 tab-separated fields (query-id, corpus-id, score), found 1");
    }

    @Test
    void a_judgment_repeated_with_another_score_is_rejected() throws IOException {
        write("qrels/test.tsv", TEST_QRELS + "1\t10\t1\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("qrels/test.tsv")
                        + ":5: query-id '1' corpus-id '10' is judged again with score 1 after 2");
    }

    @Test
    void a_judged_query_missing_from_the_queries_is_rejected() throws IOException {
        write("qrels/test.tsv", TEST_QRELS + "7\t10\t1\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("qrels/test.tsv") + ":5: query-id '7' is not in queries.jsonl");
    }

    @Test
    void a_qrels_file_with_only_a_header_is_rejected() throws IOException {
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore\n");

        assertThatThrownBy(() -> BeirDataset.load(dir, "test"))
                .hasMessage(dir.resolve("qrels/test.tsv") + ": no judgments");
    }

    @Test
    void rejects_a_split_name_that_is_a_path() {
        assertThatThrownBy(() -> BeirDataset.load(dir, "../test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split '../test' is not a split name such as 'test' or 'train'");
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    }
}
