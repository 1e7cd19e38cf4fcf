package org.paperboy.search.lucene;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.paperboy.search.IncompatibleIndexException;
import org.paperboy.search.IndexLockedException;
import org.paperboy.search.IndexedPaper;
import org.paperboy.search.SearchSettings;
import org.paperboy.search.Searcher;
import org.paperboy.search.SharedIndex;
import org.paperboy.search.VectorEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of a long-running process ({@code serve}), shared on disk with the others: it
 * writes when it holds the index's write lock, and otherwise searches the last commit of the
 * process that does ({@code import}, {@code reindex}) until {@link #tryTakeOver} gets the lock.
 * {@link #reopen} replaces a writer that failed (its directory removed, a full disk). Searches go
 * on across either switch. Thread-safe; close it on shutdown.
 */
public final class SharedLuceneIndex implements SharedIndex, SearcherSource {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLuceneIndex.class);

    private final Path dir;
    private final int dimensions;
    private final VectorEncoding encoding;
    // The searcher's own analyzer: the one of each opened index goes when that index is closed.
    private final Analyzer analyzer = PaperSchema.analyzer();
    private volatile LucenePaperIndex current;

    private SharedLuceneIndex(Path dir, int dimensions, VectorEncoding encoding) {
        this.dir = dir;
        this.dimensions = dimensions;
        this.encoding = encoding;
    }

    /**
     * Opens the index in {@code dir} for writing, creating it when missing and rebuilding it when
     * incompatible; read-only at its last commit while another process writes it.
     *
     * @throws java.io.UncheckedIOException when the directory can be neither written nor read
     */
    public static SharedLuceneIndex open(Path dir, int dimensions, VectorEncoding encoding) {
        SharedLuceneIndex shared = new SharedLuceneIndex(dir, dimensions, encoding);
        shared.current = shared.openIndex();
        return shared;
    }

    private LucenePaperIndex openIndex() {
        try {
            return openWritable();
        } catch (IndexLockedException e) {
            LOG.info("{}; searching its last commit until the lock is free", e.getMessage());
            return LucenePaperIndex.openReadOnly(dir, dimensions, encoding);
        }
    }

    private LucenePaperIndex openWritable() {
        try {
            return LucenePaperIndex.open(dir, dimensions, encoding);
        } catch (IncompatibleIndexException e) {
            LOG.warn("{}; rebuilding it", e.getMessage());
            return LucenePaperIndex.create(dir, dimensions, encoding);
        }
    }

    /** True while this process holds the write lock. */
    @Override
    public boolean writable() {
        return !current.isReadOnly();
    }

    /** Where the index lives. */
    public Path directory() {
        return dir;
    }

    /**
     * Read-only: refreshes to the writer's last commit, then takes the write lock if it is free.
     * Answers whether this process writes the index now.
     */
    @Override
    public synchronized boolean tryTakeOver() {
        LucenePaperIndex old = current;
        if (!old.isReadOnly()) {
            return true;
        }
        old.refresh();
        LucenePaperIndex writable;
        try {
            writable = openWritable();
        } catch (IndexLockedException e) {
            return false;
        }
        current = writable;
        closeQuietly(old);
        LOG.info("The search index in {} is free again: this process indexes from now on", dir);
        return true;
    }

    /**
     * Replaces a failed writer: frees its lock and opens the directory afresh (an empty index when
     * it was removed). Until that succeeds, searches answer from the last state seen.
     *
     * @throws RuntimeException when the index still cannot be opened; call again later
     */
    @Override
    public synchronized void reopen() {
        LucenePaperIndex old = current;
        old.releaseWriter();
        current = openIndex();
        closeQuietly(old);
    }

    /** Throws when a writable index's files are gone from disk; see {@link LucenePaperIndex#checkOnDisk}. */
    @Override
    public void checkWritable() {
        LucenePaperIndex now = current;
        if (!now.isReadOnly()) {
            now.checkOnDisk();
        }
    }

    @Override
    public <T> T withSearcher(LucenePaperIndex.SearcherFunction<T> work) {
        while (true) {
            LucenePaperIndex now = current;
            try {
                return now.withSearcher(work);
            } catch (AlreadyClosedException e) {
                if (current == now) {
                    throw e;
                }
                // Switched while this search started: search the new index.
            }
        }
    }

    @Override
    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public void upsert(List<IndexedPaper> papers) {
        current.upsert(papers);
    }

    @Override
    public void delete(String id) {
        current.delete(id);
    }

    @Override
    public void deleteAll() {
        current.deleteAll();
    }

    @Override
    public boolean fragmented() {
        return segments() > LucenePaperIndex.MAX_SEGMENTS;
    }

    @Override
    public void compact() {
        current.compact();
    }

    /** How many segments the index has; see {@link LucenePaperIndex#segments}. */
    public int segments() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    @Override
    public void commit() {
        current.commit();
    }

    @Override
    public void commit(String embeddingModel) {
        current.commit(embeddingModel);
    }

    @Override
    public Optional<String> embeddingModel() {
        return current.embeddingModel();
    }

    @Override
    public Searcher searcher(SearchSettings settings) {
        return new LuceneSearcher(this, settings);
    }

    @Override
    public int count() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    @Override
    public int countWithVector() {
        return withSearcher(s -> s.count(new FieldExistsQuery(PaperSchema.VECTOR)));
    }

    @Override
    public List<String> idsWithoutVector(int limit) {
        return current.idsWithoutVector(limit);
    }

    @Override
    public VectorEncoding encoding() {
        return encoding;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public long sizeOnDisk() {
        return current.sizeOnDisk();
    }

    @Override
    public synchronized void close() {
        try {
            current.close();
        } finally {
            analyzer.close();
        }
    }

    private static void closeQuietly(LucenePaperIndex index) {
        try {
            index.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the replaced search index: {}", e.toString());
        }
    }
}
