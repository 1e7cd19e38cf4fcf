package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecRunTest {

    @TempDir
    Path dir;

    private static Map<String, List<ScoredDoc>> sample() {
        Map<String, List<ScoredDoc>> results = new LinkedHashMap<>();
        results.put("q2", List.of(new ScoredDoc("d7", 0.25), new ScoredDoc("d3", 12.0)));
        results.put(
                "q1",
                List.of(
                        new ScoredDoc("d1", 0.5),
                        new ScoredDoc("d2", 0.5),
                        new ScoredDoc("d9", 1.0E-5),
                        new ScoredDoc("d4", -1.5)));
        results.put("q3", List.of());
        return results;
    }

    @Test
    void writes_the_trec_format_with_ranks_in_trec_eval_order() throws IOException {
        Path file = dir.resolve("bm25.run");

        TrecRun.write(file, "paperboy-bm25", sample());

        // queries by id; within a query by score, ties by document id descending
        assertThat(Files.readString(file)).isEqualTo("""
                q1 Q0 d2 1 0.5 paperboy-bm25
                q1 Q0 d1 2 0.5 paperboy-bm25
                q1 Q0 d9 3 0.000010 paperboy-bm25
                q1 Q0 d4 4 -1.5 paperboy-bm25
                q2 Q0 d3 1 12.0 paperboy-bm25
                q2 Q0 d7 2 0.25 paperboy-bm25
                """);
    }

    @Test
    void reads_back_what_it_wrote() throws IOException {
        Path file = dir.resolve("run.txt");
        Map<String, List<ScoredDoc>> results = Map.of(
                "q1", List.of(new ScoredDoc("a", 0.1 + 0.2), new ScoredDoc("b", 1.0 / 3), new ScoredDoc("c", 7)));

        TrecRun.write(file, "tag", results);

        assertThat(TrecRun.read(file))
                .isEqualTo(Map.of(
                        "q1",
                        List.of(new ScoredDoc("c", 7), new ScoredDoc("b", 1.0 / 3), new ScoredDoc("a", 0.1 + 0.2))));
    }

    @Test
    void replaces_an_existing_file_and_leaves_no_temporary_file() throws IOException {
        Path file = dir.resolve("run.txt");
        Files.writeString(file, "old content\n");

        TrecRun.write(file, "tag", Map.of("q", List.of(new ScoredDoc("d", 1.0))));

        assertThat(Files.readString(file)).isEqualTo("q Q0 d 1 1.0 tag\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refuses_an_id_with_whitespace_and_keeps_the_old_file() throws IOException {
        Path file = dir.resolve("run.txt");
        Files.writeString(file, "old content\n");

        assertThatThrownBy(() -> TrecRun.write(file, "tag", Map.of("q", List.of(new ScoredDoc("a b", 1.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("document id 'a b' is empty or contains whitespace");
        assertThat(Files.readString(file)).isEqualTo("old content\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refuses_a_run_tag_with_whitespace() {
        assertThatThrownBy(() -> TrecRun.write(dir.resolve("r"), "my run", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run tag 'my run' is empty or contains whitespace");
    }

    @Test
    void reading_reports_a_malformed_line_with_file_and_line() throws IOException {
        Path file = dir.resolve("bad.run");
        Files.writeString(file, "q1 Q0 d1 1 0.5 tag\nq1 Q0 d2 2 high tag\n");

        assertThatThrownBy(() -> TrecRun.read(file))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":2: rank '2' or score 'high' is not a number");
    }

    @Test
    void reading_rejects_a_line_with_missing_columns() throws IOException {
        Path file = dir.resolve("short.run");
        Files.writeString(file, "q1 d1 1 0.5\n");

        assertThatThrownBy(() -> TrecRun.read(file))
                .hasMessage(file + ":1: expected 6 columns 'qid Q0 docid rank score tag', found 4");
    }
}
