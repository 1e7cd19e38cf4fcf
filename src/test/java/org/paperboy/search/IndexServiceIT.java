package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.embed.Embedder;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.paper.Paper;
import org.paperboy.search.lucene.LucenePaperIndex;
import org.paperboy.search.lucene.LuceneSearcher;
import org.paperboy.store.Database;
import org.paperboy.store.IndexStateRepository;
import org.paperboy.store.PaperRepository;

/**
 * {@link IndexService} with every part real: SQLite and Lucene in a temporary directory and the
 * MiniLM model, behind a decorator that records each text it is asked to embed. Five papers on
 * unrelated subjects, so that a keyword or a paraphrase finds exactly one of them.
 */
class IndexServiceIT {

    private static final String PROTEIN = "2601.00001";
    private static final String HEART = "2601.00002";
    private static final String SPARSE = "2601.00003";
    private static final String ROBOT = "2601.00004";
    private static final String GALAXY = "2601.00005";
    private static final int N = 5;

    private static final List<Paper> PAPERS = List.of(
            paper(
                    PROTEIN,
                    "Protein structure prediction with attention",
                    "We predict the three-dimensional fold of a protein from its amino acid sequence."),
            paper(
                    HEART,
                    "Heart disease risk from electronic health records",
                    "A model estimates the chance of a cardiac event from the histories of patients."),
            paper(
                    SPARSE,
                    "Sparse retrieval with BM25",
                    "Term weights rank documents for keyword queries in a search engine."),
            paper(
                    ROBOT,
                    "Reinforcement learning for robot grasping",
                    "A robot arm learns to pick up objects of unknown shape by trial and error."),
            paper(
                    GALAXY,
                    "Galaxy formation in cosmological simulations",
                    "We simulate how galaxies assemble inside dark matter halos over billions of years."));

    private static OnnxEmbedder model;

    @TempDir
    Path dir;

    Database db;
    PaperRepository papers;
    IndexStateRepository state;
    LucenePaperIndex index;
    CountingEmbedder embedder;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbedder.allMiniLmL6V2();
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("paperboy.db"));
        papers = new PaperRepository(db, Clock.systemUTC());
        state = new IndexStateRepository(db);
        index = openIndex();
        embedder = new CountingEmbedder(model, model.modelId());
        db.inTransaction(h -> {
            papers.insertAll(h, PAPERS);
            return null;
        });
    }

    @AfterEach
    void close() {
        index.close();
        db.close();
    }

    @Test
    void synced_documents_are_found_by_bm25_at_once_and_by_meaning_once_their_vectors_are_built() {
        IndexService service = service(embedder);
        service.reconcile();

        assertThat(service.syncDocuments(IndexService.Listener.NONE)).isEqualTo(N);

        assertThat(bm25("robot")).containsExactly(ROBOT);
        assertThat(bm25("galaxies")).containsExactly(GALAXY);
        SearchResults before = searcher().search(SearchRequest.dense(model.embedQuery("machines holding things")));
        assertThat(before.hits()).isEmpty();
        assertThat(before.notices())
                .containsExactly("Search by meaning covers 0 of 5 papers while the rest are being embedded.");
        assertThat(state.countStaleDocuments()).isZero();
        assertThat(state.countMissingVectors(model.modelId())).isEqualTo(N);
        assertThat(embedder.texts).isEmpty();

        List<String> progress = new ArrayList<>();
        long built = service.buildVectors(
                (phase, done, total) -> progress.add(phase + " " + done + "/" + total), () -> false);

        assertThat(built).isEqualTo(N);
        assertThat(progress).containsExactly("vectors 5/5");
        assertThat(embedder.texts).containsExactlyInAnyOrderElementsOf(texts(PAPERS));
        assertThat(state.countMissingVectors(model.modelId())).isZero();
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(dense("a mechanical hand learns to hold things")).first().isEqualTo(ROBOT);
        assertThat(dense("how do stars and galaxies form")).first().isEqualTo(GALAXY);
        assertThat(dense("cardiology patients")).first().isEqualTo(HEART);
        SearchResults after = searcher().search(SearchRequest.dense(model.embedQuery("machines holding things")));
        assertThat(after.hits()).hasSize(N);
        assertThat(after.notices()).isEmpty();
        assertThat(index.embeddingModel()).contains(model.modelId());

        assertThat(service.syncDocuments(IndexService.Listener.NONE)).isZero();
        assertThat(service.buildVectors(IndexService.Listener.NONE, () -> false))
                .isZero();
        assertThat(embedder.calls).isEqualTo(1);
    }

    @Test
    void a_vector_build_stopped_after_one_batch_is_finished_by_the_next_run_without_embedding_twice() {
        IndexService first = new IndexService(db, papers, state, index, embedder, 2);
        first.reconcile();
        first.syncDocuments(IndexService.Listener.NONE);
        AtomicBoolean stop = new AtomicBoolean();

        long built = first.buildVectors((phase, done, total) -> stop.set(true), stop::get);

        assertThat(built).isEqualTo(2);
        assertThat(embedder.texts).containsExactlyInAnyOrder(text(PROTEIN), text(HEART));
        assertThat(state.countMissingVectors(model.modelId())).isEqualTo(3);
        assertThat(index.countWithVector()).isEqualTo(2);

        index.close();
        index = openIndex();
        CountingEmbedder second = new CountingEmbedder(model, model.modelId());
        IndexService resumed = service(second);
        resumed.reconcile();

        assertThat(state.countStaleDocuments()).isZero();
        assertThat(resumed.syncDocuments(IndexService.Listener.NONE)).isZero();
        assertThat(resumed.buildVectors(IndexService.Listener.NONE, () -> false))
                .isEqualTo(3);
        assertThat(second.texts).containsExactlyInAnyOrder(text(SPARSE), text(ROBOT), text(GALAXY));
        assertThat(state.countMissingVectors(model.modelId())).isZero();
        assertThat(index.count()).isEqualTo(N);
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(index.idsWithoutVector(10)).isEmpty();
    }

    @Test
    void vectors_are_built_for_the_newest_listing_days_first_and_papers_without_a_day_last() {
        db.withHandle(h -> h.execute(
                "UPDATE papers SET listed_on = CASE id WHEN ? THEN '2026-06-01' WHEN ? THEN '2026-07-01' "
                        + "WHEN ? THEN '2026-06-15' WHEN ? THEN '2026-07-01' END",
                PROTEIN,
                HEART,
                ROBOT,
                GALAXY));
        IndexService service = new IndexService(db, papers, state, index, embedder, 2);
        service.reconcile();
        service.syncDocuments(IndexService.Listener.NONE);
        List<java.util.Set<String>> batches = new ArrayList<>();

        service.buildVectors(
                (phase, done, total) -> {
                    batches.add(java.util.Set.copyOf(embedder.texts));
                    embedder.texts.clear();
                },
                () -> false);

        assertThat(batches)
                .containsExactly(
                        java.util.Set.of(text(HEART), text(GALAXY)), // both 2026-07-01
                        java.util.Set.of(text(ROBOT), text(PROTEIN)), // 2026-06-15, then 2026-06-01
                        java.util.Set.of(text(SPARSE))); // no listing day
    }

    @Test
    void a_crash_before_the_index_commits_keeps_the_vectors_already_computed() {
        FailingCommits failing = new FailingCommits(index, 3);
        IndexService crashing = new IndexService(db, papers, state, failing, embedder, 2);
        crashing.reconcile();
        crashing.syncDocuments(IndexService.Listener.NONE);

        // Commit 1 holds the documents, commit 2 the first two vectors; the next two are embedded
        // and cached, then their commit fails.
        assertThatThrownBy(() -> crashing.buildVectors(IndexService.Listener.NONE, () -> false))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("disk gone");
        assertThat(embedder.texts).containsExactlyInAnyOrder(text(PROTEIN), text(HEART), text(SPARSE), text(ROBOT));
        assertThat(state.countMissingVectors(model.modelId())).isEqualTo(3);

        index.close();
        index = openIndex();
        CountingEmbedder second = new CountingEmbedder(model, model.modelId());
        IndexService resumed = service(second);
        resumed.reconcile();
        resumed.syncDocuments(IndexService.Listener.NONE);

        assertThat(resumed.buildVectors(IndexService.Listener.NONE, () -> false))
                .isEqualTo(3);
        assertThat(second.texts).containsExactly(text(GALAXY));
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(state.countMissingVectors(model.modelId())).isZero();
    }

    @Test
    void an_index_committed_but_not_recorded_in_the_store_is_rebuilt_from_the_embedding_cache() {
        buildAll(service(embedder));
        int embedded = embedder.texts.size();

        state.forgetIndex(); // as if the process died between the index commit and the store update
        CountingEmbedder second = new CountingEmbedder(model, model.modelId());
        IndexService service = service(second);
        service.reconcile();

        assertThat(state.countStaleDocuments()).isEqualTo(N);
        assertThat(service.syncDocuments(IndexService.Listener.NONE)).isEqualTo(N);
        assertThat(service.buildVectors(IndexService.Listener.NONE, () -> false))
                .isZero();
        assertThat(second.calls).isZero();
        assertThat(embedded).isEqualTo(N);
        assertThat(state.countStaleDocuments()).isZero();
        assertThat(state.countMissingVectors(model.modelId())).isZero();
        assertThat(index.count()).isEqualTo(N);
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(dense("a mechanical hand learns to hold things")).first().isEqualTo(ROBOT);
    }

    @Test
    void a_new_abstract_is_embedded_again_and_a_new_upvote_count_is_not() {
        IndexService service = service(embedder);
        buildAll(service);
        embedder.texts.clear();
        Paper rewritten = find(GALAXY).toBuilder()
                .version(2)
                .abstractText("We measure how quickly supermassive black holes grow by swallowing gas.")
                .build();
        Paper upvoted = find(SPARSE).toBuilder().upvotes(12).build();
        db.inTransaction(h -> {
            papers.updateAll(h, List.of(rewritten, upvoted));
            return null;
        });

        assertThat(state.countStaleDocuments()).isEqualTo(2);
        assertThat(service.syncDocuments(IndexService.Listener.NONE)).isEqualTo(2);

        assertThat(embedder.texts).isEmpty();
        assertThat(bm25("halos")).isEmpty();
        assertThat(bm25("swallowing")).containsExactly(GALAXY);
        assertThat(state.countMissingVectors(model.modelId())).isEqualTo(1);
        assertThat(index.idsWithoutVector(10)).containsExactly(GALAXY);

        assertThat(service.buildVectors(IndexService.Listener.NONE, () -> false))
                .isEqualTo(1);

        assertThat(embedder.texts).containsExactly(IndexService.embeddingText(rewritten));
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(state.countMissingVectors(model.modelId())).isZero();
        assertThat(dense("growth of black holes")).first().isEqualTo(GALAXY);
    }

    @Test
    void another_model_wipes_every_vector_and_re_embeds_under_its_own_id() {
        buildAll(service(embedder));
        String otherId = "other-model/sha256:0000000000000000/max-tokens:256";
        CountingEmbedder other = new CountingEmbedder(model, otherId);
        IndexService service = service(other);

        service.reconcile();

        assertThat(index.count()).isZero();
        assertThat(index.embeddingModel()).contains(otherId);
        assertThat(state.countStaleDocuments()).isEqualTo(N);
        assertThat(state.countMissingVectors(otherId)).isEqualTo(N);
        assertThat(state.countMissingVectors(model.modelId())).isEqualTo(N);

        assertThat(service.syncDocuments(IndexService.Listener.NONE)).isEqualTo(N);
        assertThat(index.countWithVector()).isZero();
        assertThat(service.buildVectors(IndexService.Listener.NONE, () -> false))
                .isEqualTo(N);

        assertThat(other.texts).containsExactlyInAnyOrderElementsOf(texts(PAPERS));
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(state.countMissingVectors(otherId)).isZero();
        assertThat(state.countMissingVectors(model.modelId())).isEqualTo(N);
        index.close();
        index = openIndex();
        assertThat(index.embeddingModel()).contains(otherId);

        // Back to the first model: wiped again, and its vectors come from the cache.
        CountingEmbedder back = new CountingEmbedder(model, model.modelId());
        buildAll(service(back));
        assertThat(back.calls).isZero();
        assertThat(index.embeddingModel()).contains(model.modelId());
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(state.countMissingVectors(otherId)).isEqualTo(N);
    }

    @Test
    void a_deleted_index_directory_is_rebuilt_although_the_store_says_indexed() throws IOException {
        buildAll(service(embedder));
        index.close();
        deleteTree(dir.resolve("index"));
        index = openIndex();
        assertThat(index.count()).isZero();
        assertThat(state.countStaleDocuments()).isZero();
        CountingEmbedder second = new CountingEmbedder(model, model.modelId());
        IndexService service = service(second);

        service.reconcile();

        assertThat(state.countStaleDocuments()).isEqualTo(N);
        assertThat(service.syncDocuments(IndexService.Listener.NONE)).isEqualTo(N);
        assertThat(service.buildVectors(IndexService.Listener.NONE, () -> false))
                .isZero();
        assertThat(second.calls).isZero();
        assertThat(index.count()).isEqualTo(N);
        assertThat(index.countWithVector()).isEqualTo(N);
        assertThat(bm25("protein")).containsExactly(PROTEIN);
        assertThat(index.embeddingModel()).contains(model.modelId());
    }

    @Test
    void compacts_an_index_of_many_segments_into_one_that_finds_the_same_and_survives_reopening() {
        IndexService service = service(embedder);
        buildAll(service);
        for (int i = 1; i <= LucenePaperIndex.MAX_SEGMENTS; i++) { // papers arriving one at a time: a segment each
            Paper p = paper("2602.0000" + i, "Paper number " + i, "An abstract about topic number " + i + ".");
            db.inTransaction(h -> {
                papers.insertAll(h, List.of(p));
                return null;
            });
            service.syncDocuments(IndexService.Listener.NONE);
            service.buildVectors(IndexService.Listener.NONE, () -> false);
        }
        assertThat(index.segments()).isGreaterThan(LucenePaperIndex.MAX_SEGMENTS);
        List<String> before = dense("machines holding things");
        String model = index.embeddingModel().orElseThrow();

        assertThat(service.compact()).isTrue();

        assertThat(index.segments()).isEqualTo(1);
        assertThat(service.compact()).isFalse();
        assertThat(dense("machines holding things")).isEqualTo(before).first().isEqualTo(ROBOT);
        assertThat(bm25("galaxies")).containsExactly(GALAXY);
        index.close();
        index = openIndex();
        assertThat(index.segments()).isEqualTo(1);
        assertThat(index.countWithVector()).isEqualTo(N + LucenePaperIndex.MAX_SEGMENTS);
        assertThat(index.embeddingModel()).contains(model);
    }

    private IndexService service(Embedder e) {
        return new IndexService(db, papers, state, index, e);
    }

    private static void buildAll(IndexService service) {
        service.reconcile();
        service.syncDocuments(IndexService.Listener.NONE);
        service.buildVectors(IndexService.Listener.NONE, () -> false);
    }

    private LucenePaperIndex openIndex() {
        return LucenePaperIndex.open(dir.resolve("index"), model.dimensions(), VectorEncoding.INT8);
    }

    private LuceneSearcher searcher() {
        return new LuceneSearcher(index);
    }

    private List<String> bm25(String query) {
        return searcher().search(SearchRequest.bm25(query)).hits().stream()
                .map(Hit::id)
                .toList();
    }

    private List<String> dense(String query) {
        return searcher().search(SearchRequest.dense(model.embedQuery(query))).hits().stream()
                .map(Hit::id)
                .toList();
    }

    private Paper find(String id) {
        return papers.find(id).orElseThrow();
    }

    private static Paper paper(String id, String title, String abstractText) {
        return Paper.builder(id)
                .version(1)
                .title(title)
                .abstractText(abstractText)
                .build();
    }

    private static String text(String id) {
        return IndexService.embeddingText(
                PAPERS.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow());
    }

    private static List<String> texts(List<Paper> ps) {
        return ps.stream().map(IndexService::embeddingText).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The real model under a chosen id, recording every passage it embeds; closing it leaves the model open. */
    private static final class CountingEmbedder implements Embedder {
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile int calls;
        private final Embedder delegate;
        private final String modelId;

        CountingEmbedder(Embedder delegate, String modelId) {
            this.delegate = delegate;
            this.modelId = modelId;
        }

        @Override
        public String modelId() {
            return modelId;
        }

        @Override
        public int dimensions() {
            return delegate.dimensions();
        }

        @Override
        public synchronized float[][] embedPassages(List<String> batch) {
            calls++;
            texts.addAll(batch);
            return delegate.embedPassages(batch);
        }

        @Override
        public float[][] embedQueries(List<String> batch) {
            return delegate.embedQueries(batch);
        }

        @Override
        public void close() {}
    }

    /** The real index whose commits fail from the {@code failAt}-th on, as when the process dies there. */
    private static final class FailingCommits implements PaperIndex {
        private final PaperIndex delegate;
        private final int failAt;
        private int commits;

        FailingCommits(PaperIndex delegate, int failAt) {
            this.delegate = delegate;
            this.failAt = failAt;
        }

        @Override
        public void commit() {
            failIfDue();
            delegate.commit();
        }

        @Override
        public void commit(String embeddingModel) {
            failIfDue();
            delegate.commit(embeddingModel);
        }

        private void failIfDue() {
            if (++commits >= failAt) {
                throw new UncheckedIOException("disk gone", new IOException("no space left on device"));
            }
        }

        @Override
        public void upsert(List<IndexedPaper> batch) {
            delegate.upsert(batch);
        }

        @Override
        public void delete(String id) {
            delegate.delete(id);
        }

        @Override
        public void deleteAll() {
            delegate.deleteAll();
        }

        @Override
        public java.util.Optional<String> embeddingModel() {
            return delegate.embeddingModel();
        }

        @Override
        public boolean fragmented() {
            return delegate.fragmented();
        }

        @Override
        public void compact() {
            delegate.compact();
        }

        @Override
        public VectorEncoding encoding() {
            return delegate.encoding();
        }

        @Override
        public Searcher searcher(SearchSettings settings) {
            return delegate.searcher(settings);
        }

        @Override
        public int count() {
            return delegate.count();
        }

        @Override
        public int countWithVector() {
            return delegate.countWithVector();
        }

        @Override
        public List<String> idsWithoutVector(int limit) {
            return delegate.idsWithoutVector(limit);
        }

        @Override
        public int dimensions() {
            return delegate.dimensions();
        }

        @Override
        public long sizeOnDisk() {
            return delegate.sizeOnDisk();
        }

        @Override
        public void close() {}
    }
}
