package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.search.VectorEncoding;
import org.paperboy.search.lucene.LucenePaperIndex;
import org.paperboy.store.Database;
import org.paperboy.store.IndexStateRepository;

/**
 * {@code PAPERBOY_EMBEDDER} chooses the model an install indexes with: switching to bge-small and
 * back re-embeds under each model's id (the second switch from the embedding cache), and a
 * student without a model file stops the command with a message naming the setting and the file.
 */
class EmbedderSwitchIT {

    private static final String PAPERS = """
            {"id": "2501.00001", "title": "Protein folding with deep networks", "authors": ["Ada Lovelace"], \
            "categories": ["q-bio.BM"], "summary": "We predict the fold of a protein from its sequence.", \
            "abs": "https://arxiv.org/abs/2501.00001", "pdf": "https://arxiv.org/pdf/2501.00001", "listed_on": "2025-01-02"}
            {"id": "2501.00002", "title": "Robot grasping", "authors": ["Alan Turing"], "categories": ["cs.RO"], \
            "summary": "A robot arm learns to pick up objects by trial and error.", \
            "abs": "https://arxiv.org/abs/2501.00002", "pdf": "https://arxiv.org/pdf/2501.00002", "listed_on": "2025-01-02"}
            """;

    @TempDir
    Path dir;

    @Test
    void switching_to_bge_small_and_back_re_embeds_under_each_model_id() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("papers.jsonl");
        Files.writeString(file, PAPERS, StandardCharsets.UTF_8);

        assertThat(Main.run(new String[] {"import", file.toString()}, env(data, "minilm")))
                .isEqualTo(0);
        String minilm = indexedModel(data);
        assertThat(minilm).startsWith("all-MiniLM-L6-v2/sha256:").endsWith("/max-tokens:256");
        assertThat(missingVectors(data, minilm)).isZero();

        assertThat(Main.run(new String[] {"reindex"}, env(data, "bge-small"))).isEqualTo(0);
        String bge = indexedModel(data);
        assertThat(bge).startsWith("bge-small-en-v1.5-q/sha256:").endsWith("/max-tokens:512/pooling:cls");
        assertThat(missingVectors(data, bge)).isZero();
        assertThat(missingVectors(data, minilm)).isEqualTo(2);

        // The index notices the other model by itself: an import of nothing new re-embeds for it.
        assertThat(Main.run(new String[] {"import", file.toString()}, env(data, "minilm")))
                .isEqualTo(0);
        assertThat(indexedModel(data)).isEqualTo(minilm);
        assertThat(missingVectors(data, minilm)).isZero();
        assertThat(missingVectors(data, bge)).isEqualTo(2);
    }

    @Test
    void a_student_without_a_model_is_a_configuration_error_naming_the_file() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int exit;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run(new String[] {"search", "--mode", "dense", "robots"}, env(data, "student"));
        } finally {
            System.setErr(old);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("paperboy: PAPERBOY_EMBEDDER=student: no student model at "
                        + data.resolve("student.model").toAbsolutePath() + "; run paperboy train-embedder");
    }

    @Test
    void bench_embed_measures_each_available_embedder_on_the_same_papers_and_skips_a_missing_student()
            throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("papers.jsonl");
        Files.writeString(file, PAPERS, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"import", "--no-index", file.toString()}, env(data, "minilm")))
                .isEqualTo(0);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        int exit;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run(new String[] {"bench", "embed", "--queries", "2"}, env(data, "minilm"));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }

        assertThat(exit).isEqualTo(0);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("{\"bench\":\"embed\",\"embedder\":\"minilm\",\"model\":\"all-MiniLM-L6-v2/")
                .contains("\"docs\":2,", "\"ratio_to_minilm\":1.0,", "\"query_ms\":");
        assertThat(lines.get(1))
                .startsWith("{\"bench\":\"embed\",\"embedder\":\"bge-small\",\"model\":\"bge-small-en-v1.5-q/")
                .contains("\"docs\":2,", "\"ratio_to_minilm\":", "\"docs_per_s\":");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bench embed: no student model at "
                        + data.resolve("student.model").toAbsolutePath()
                        + "; student skipped (run paperboy train-embedder, or give --student FILE)");
    }

    private static Map<String, String> env(Path data, String embedder) {
        return Map.of("PAPERBOY_DATA", data.toString(), "PAPERBOY_SOURCES", "none", "PAPERBOY_EMBEDDER", embedder);
    }

    private static String indexedModel(Path data) {
        try (LucenePaperIndex index = LucenePaperIndex.openReadOnly(data.resolve("index"), 384, VectorEncoding.INT8)) {
            return index.commitData().get("embedding_model");
        }
    }

    private static long missingVectors(Path data, String modelId) {
        try (Database db = Database.open(Database.sqliteUrl(data))) {
            return new IndexStateRepository(db).countMissingVectors(modelId);
        }
    }
}
