package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.embed.OnnxEmbedder;
import org.paperboy.paper.Paper;
import org.paperboy.search.lucene.LucenePaperIndex;
import org.paperboy.search.lucene.SharedLuceneIndex;
import org.paperboy.store.Database;
import org.paperboy.store.IndexStateRepository;
import org.paperboy.store.PaperRepository;

/**
 * {@link BackgroundIndexer} over real parts (SQLite, Lucene, the MiniLM model) with short pauses:
 * it survives its index directory being taken away, and it waits for, searches beside and then
 * takes over from another writer of the index.
 */
class BackgroundIndexerIT {

    private static final BackgroundIndexer.Timing FAST = new BackgroundIndexer.Timing(
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(100));

    private static OnnxEmbedder model;

    @TempDir
    Path dir;

    Database db;
    PaperRepository papers;
    IndexStateRepository state;
    Path indexDir;

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
        indexDir = dir.resolve("index");
        store(
                paper("2601.00001", "Protein folding with attention", "We predict the fold of a protein."),
                paper("2601.00002", "Robot grasping by trial", "A robot arm learns to pick up objects."));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void fails_visibly_while_its_directory_is_gone_and_recovers_without_a_restart() throws Exception {
        try (SharedIndex index = SharedLuceneIndex.open(indexDir, 384, VectorEncoding.INT8);
                BackgroundIndexer indexer = indexer(index).start()) {
            await(() -> indexer.status().state() == IndexingStatus.State.UP_TO_DATE && index.countWithVector() == 2);

            deleteRecursively(indexDir);
            Files.writeString(indexDir, "a file where the index directory was");
            store(paper("2601.00003", "Galaxy formation", "We simulate how galaxies assemble."));
            indexer.changed();

            await(() -> indexer.status().failing());
            IndexingStatus failing = indexer.status();
            assertThat(failing.describe()).startsWith("failing since " + failing.since() + ": ");
            assertThat(failing.problem()).contains(indexDir.toString());
            assertThat(bm25(index, "robot")).containsExactly("2601.00002"); // searches answer meanwhile
            Thread.sleep(600); // a few more attempts: still failing, still since the first one
            assertThat(indexer.status().failing()).isTrue();
            assertThat(indexer.status().since()).isEqualTo(failing.since());

            Files.delete(indexDir);

            await(() -> indexer.status().state() == IndexingStatus.State.UP_TO_DATE && index.countWithVector() == 3);
            assertThat(index.writable()).isTrue();
            assertThat(bm25(index, "galaxies")).containsExactly("2601.00003");
            assertThat(state.countStaleDocuments()).isZero();
        }
        try (LucenePaperIndex reopened = LucenePaperIndex.openReadOnly(indexDir, 384, VectorEncoding.INT8)) {
            assertThat(reopened.countWithVector()).isEqualTo(3); // committed in the new directory
        }
    }

    @Test
    void searches_the_last_commit_of_another_writer_and_takes_over_when_its_lock_frees() throws Exception {
        LucenePaperIndex other = LucenePaperIndex.open(indexDir, 384, VectorEncoding.INT8);
        IndexService otherService = new IndexService(db, papers, state, other, model);
        otherService.reconcile();
        otherService.syncDocuments(IndexService.Listener.NONE);
        try (SharedIndex index = SharedLuceneIndex.open(indexDir, 384, VectorEncoding.INT8);
                BackgroundIndexer indexer = indexer(index).start()) {
            assertThat(index.writable()).isFalse();
            assertThat(index.count()).isEqualTo(2);
            await(() -> indexer.status().state() == IndexingStatus.State.WAITING_FOR_LOCK);
            assertThat(indexer.status().describe()).startsWith("another process writes the index since ");

            otherService.buildVectors(IndexService.Listener.NONE, () -> false); // commits
            await(() -> index.countWithVector() == 2); // refreshed to the other's last commit
            assertThat(index.writable()).isFalse();
            store(paper("2601.00003", "Galaxy formation", "We simulate how galaxies assemble."));
            other.close();

            await(() -> indexer.status().state() == IndexingStatus.State.UP_TO_DATE && index.countWithVector() == 3);
            assertThat(index.writable()).isTrue();
            assertThat(bm25(index, "galaxies")).containsExactly("2601.00003");
        } finally {
            other.close();
        }
    }

    private BackgroundIndexer indexer(SharedIndex index) {
        return new BackgroundIndexer(
                index,
                () -> new IndexService(db, papers, state, index, model),
                Clock.systemUTC(),
                FAST,
                BackgroundIndexer.Passes.NONE);
    }

    private void store(Paper... list) {
        db.inTransaction(h -> {
            papers.insertAll(h, List.of(list));
            return null;
        });
    }

    private static List<String> bm25(SharedIndex index, String query) {
        return index.searcher().search(SearchRequest.bm25(query)).hits().stream()
                .map(Hit::id)
                .toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Paper paper(String id, String title, String abstractText) {
        return Paper.builder(id)
                .version(1)
                .title(title)
                .abstractText(abstractText)
                .build();
    }
}
