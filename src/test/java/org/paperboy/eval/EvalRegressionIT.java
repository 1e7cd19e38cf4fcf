package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.paper.Paper;
import org.paperboy.search.Fusion;
import org.paperboy.search.IndexService;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.SearchMode;
import org.paperboy.search.VectorEncoding;
import org.paperboy.search.lucene.LucenePaperIndex;
import org.paperboy.search.lucene.LuceneSearcher;

/**
 * The evaluation regression of issue 3: a fourteen-document corpus of our own ({@code regression/})
 * whose queries mostly paraphrase their relevant document while sharing a word with an unrelated
 * one, so BM25, dense and hybrid rank differently. The exact rankings and metric lines are pinned,
 * in process (MiniLM, int8 HNSW index, min-max fusion at alpha 0.4, as {@code paperboy eval} does)
 * and through the packaged command.
 */
class EvalRegressionIT {

    private static final double ALPHA = 0.4;
    private static final int TOP = 5;

    // nDCG@10 of a single relevant document found second: 1 / log2(3).
    private static final double SECOND = 1 / log2(3);

    // Means of the per-query figures below: BM25 (0 + 1 + 1/log2(3) + (2 + 1/log2(5)) / (2 + 1/log2(3))
    // + 1 + 1 + 0) / 7, recall 5/7, MRR 4.5/7; dense all 1; hybrid (3/log2(3) + 4) / 7, MRR 5.5/7.
    private static final String BM25_LINE = "{\"dataset\":\"regression\",\"mode\":\"bm25\",\"ndcg@10\":0.6507,"
            + "\"recall@100\":0.7143,\"mrr@10\":0.6429,\"queries\":7}";
    private static final String DENSE_LINE = "{\"dataset\":\"regression\",\"mode\":\"dense\",\"ndcg@10\":1.0,"
            + "\"recall@100\":1.0,\"mrr@10\":1.0,\"queries\":7}";
    private static final String HYBRID_LINE = "{\"dataset\":\"regression\",\"mode\":\"hybrid\",\"ndcg@10\":0.8418,"
            + "\"recall@100\":1.0,\"mrr@10\":0.7857,\"queries\":7}";

    private static OnnxEmbedder model;
    private static LucenePaperIndex index;
    private static LuceneSearcher searcher;
    private static BeirDataset dataset;
    private static Map<String, float[]> queryVectors;

    @TempDir
    static Path indexDir;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void indexCorpus() throws IOException, URISyntaxException {
        dataset = BeirDataset.load(corpusDir(), "test");
        model = OnnxEmbedder.allMiniLmL6V2();
        index = LucenePaperIndex.create(indexDir, model.dimensions(), VectorEncoding.INT8);
        List<Paper> papers;
        try (Stream<BeirDoc> docs = dataset.corpus()) {
            papers = docs.map(d -> Paper.builder(d.id())
                            .title(d.title().isBlank() ? "-" : d.title())
                            .abstractText(d.text())
                            .build())
                    .toList();
        }
        float[][] vectors = model.embedPassages(
                papers.stream().map(IndexService::embeddingText).toList());
        List<IndexedPaper> indexed = new ArrayList<>();
        for (int i = 0; i < papers.size(); i++) {
            indexed.add(new IndexedPaper(papers.get(i), vectors[i]));
        }
        index.upsert(indexed);
        index.commit(Map.of());
        index.optimize();
        searcher = new LuceneSearcher(index);
        List<BeirQuery> queries = dataset.queries();
        float[][] q = model.embedQueries(queries.stream().map(BeirQuery::text).toList());
        queryVectors = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            queryVectors.put(queries.get(i).id(), q[i]);
        }
    }

    @AfterAll
    static void close() {
        index.close();
        model.close();
    }

    private static Path corpusDir() throws URISyntaxException {
        return Path.of(EvalRegressionIT.class.getResource("regression").toURI());
    }

    private static EvalReport evaluate(SearchMode mode) throws IOException {
        return new Evaluation(1)
                .run(
                        dataset,
                        mode.key(),
                        (query, depth) ->
                                searcher
                                        .rank(
                                                query.text(),
                                                queryVectors.get(query.id()),
                                                mode,
                                                Fusion.MIN_MAX,
                                                ALPHA,
                                                depth)
                                        .stream()
                                        .map(s -> new ScoredDoc(s.id(), s.score()))
                                        .toList());
    }

    private static Map<String, List<String>> top(EvalReport report) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        report.run()
                .forEach((query, docs) -> out.put(
                        query, docs.stream().limit(TOP).map(ScoredDoc::id).toList()));
        return out;
    }

    @Test
    void bm25_ranks_by_shared_words_and_misses_the_paraphrases() throws IOException {
        EvalReport report = evaluate(SearchMode.BM25);

        assertThat(top(report))
                .containsExactly(
                        entry("q1", List.of("d02", "d03")),
                        entry("q2", List.of("d04", "d05")),
                        entry("q3", List.of("d07", "d06")),
                        entry("q4", List.of("d08", "d05", "d13", "d14")),
                        entry("q5", List.of("d09")),
                        entry("q6", List.of("d10", "d11")),
                        // d01 and d06 score the same ("how"): the lower id comes first.
                        entry("q7", List.of("d05", "d12", "d01", "d06")));
        assertScores(
                report,
                new QueryScores("q1", 0, 0, 0),
                new QueryScores("q2", 1, 1, 1),
                new QueryScores("q3", SECOND, 1, 0.5),
                new QueryScores("q4", (2 + 1 / log2(5)) / (2 + SECOND), 1, 1),
                new QueryScores("q5", 1, 1, 1),
                new QueryScores("q6", 1, 1, 1),
                new QueryScores("q7", 0, 0, 0));
        assertThat(report.result().toJsonLine()).isEqualTo(BM25_LINE);
    }

    @Test
    void dense_ranks_every_relevant_document_first() throws IOException {
        EvalReport report = evaluate(SearchMode.DENSE);

        assertThat(top(report))
                .containsExactly(
                        entry("q1", List.of("d01", "d03", "d05", "d02", "d07")),
                        entry("q2", List.of("d04", "d05", "d07", "d03", "d12")),
                        entry("q3", List.of("d06", "d07", "d02", "d12", "d14")),
                        entry("q4", List.of("d08", "d14", "d10", "d05", "d11")),
                        entry("q5", List.of("d09", "d10", "d14", "d12", "d11")),
                        entry("q6", List.of("d10", "d11", "d09", "d08", "d14")),
                        entry("q7", List.of("d13", "d05", "d10", "d12", "d08")));
        assertThat(report.run().values()).allSatisfy(docs -> assertThat(docs).hasSize(14));
        assertScores(
                report,
                new QueryScores("q1", 1, 1, 1),
                new QueryScores("q2", 1, 1, 1),
                new QueryScores("q3", 1, 1, 1),
                new QueryScores("q4", 1, 1, 1),
                new QueryScores("q5", 1, 1, 1),
                new QueryScores("q6", 1, 1, 1),
                new QueryScores("q7", 1, 1, 1));
        assertThat(report.result().toJsonLine()).isEqualTo(DENSE_LINE);
    }

    @Test
    void hybrid_lifts_the_paraphrase_to_second_behind_a_strong_word_match() throws IOException {
        EvalReport report = evaluate(SearchMode.HYBRID);

        assertThat(top(report))
                .containsExactly(
                        entry("q1", List.of("d02", "d01", "d03", "d05", "d07")),
                        entry("q2", List.of("d04", "d05", "d07", "d03", "d12")),
                        entry("q3", List.of("d07", "d06", "d02", "d12", "d14")),
                        entry("q4", List.of("d08", "d14", "d05", "d10", "d11")),
                        entry("q5", List.of("d09", "d10", "d14", "d12", "d11")),
                        entry("q6", List.of("d10", "d11", "d09", "d08", "d14")),
                        entry("q7", List.of("d05", "d13", "d12", "d10", "d08")));
        // Found by meaning only, the paraphrase gets exactly the dense weight: 0.4 * 1 + 0.6 * 0.
        assertThat(report.run().get("q1").get(1).score()).isCloseTo(ALPHA, within(1e-12));
        assertScores(
                report,
                new QueryScores("q1", SECOND, 1, 0.5),
                new QueryScores("q2", 1, 1, 1),
                new QueryScores("q3", SECOND, 1, 0.5),
                new QueryScores("q4", 1, 1, 1),
                new QueryScores("q5", 1, 1, 1),
                new QueryScores("q6", 1, 1, 1),
                new QueryScores("q7", SECOND, 1, 0.5));
        assertThat(report.result().toJsonLine()).isEqualTo(HYBRID_LINE);
    }

    @Test
    void the_packaged_command_prints_the_three_lines() throws Exception {
        Path jar = Path.of("target/paperboy.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "--add-modules",
                        "jdk.incubator.vector",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--data",
                        dataDir.resolve("data").toString(),
                        "eval",
                        "--beir",
                        corpusDir().toString(),
                        "--split",
                        "test")
                .directory(dataDir.toFile())
                .redirectError(dataDir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PAPERBOY_"));
        pb.environment().put("PAPERBOY_SOURCES", "none");
        Process p = pb.start();
        p.getOutputStream().close();
        List<String> out = p.inputReader(StandardCharsets.UTF_8).lines().toList();

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(() -> readQuietly(dataDir.resolve("stderr.txt")))
                .isZero();
        assertThat(out)
                .containsExactly(
                        BM25_LINE,
                        // The command names the embedder of the dense and hybrid lines.
                        DENSE_LINE.replace("\"dense\",", "\"dense\",\"embedder\":\"minilm\","),
                        HYBRID_LINE.replace(
                                "\"hybrid\",", "\"hybrid\",\"embedder\":\"minilm\",\"fusion\":\"min-max\","));
    }

    private static void assertScores(EvalReport report, QueryScores... expected) {
        List<QueryScores> actual = report.scores().perQuery();
        assertThat(actual)
                .extracting(QueryScores::queryId)
                .containsExactly(Stream.of(expected).map(QueryScores::queryId).toArray(String[]::new));
        for (int i = 0; i < expected.length; i++) {
            QueryScores a = actual.get(i);
            QueryScores e = expected[i];
            assertThat(a.ndcg10()).as("nDCG@10 of " + e.queryId()).isCloseTo(e.ndcg10(), within(1e-12));
            assertThat(a.recall100()).as("Recall@100 of " + e.queryId()).isCloseTo(e.recall100(), within(1e-12));
            assertThat(a.mrr10()).as("MRR@10 of " + e.queryId()).isCloseTo(e.mrr10(), within(1e-12));
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
