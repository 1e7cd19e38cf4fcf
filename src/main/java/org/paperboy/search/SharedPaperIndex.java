package org.paperboy.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of a long-running process ({@code serve}), shared on disk with the others: it
 * writes when it holds the index's write lock, and otherwise searches the last commit of the
 * process that does ({@code import}, {@code reindex}) until {@link #tryTakeOver} gets the lock.
 * {@link #reopen} replaces a writer that failed (its directory removed, a full disk). Searches go
 * on across either switch. Thread-safe; close it on shutdown.
 */
public final class SharedPaperIndex implements PaperIndex, SearcherSource {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPaperIndex.class);

    private final Path dir;
    private final int dimensions;
    private final VectorEncoding encoding;
    // The searcher's own analyzer: the one of each opened index goes when that index is closed.
    private final Analyzer analyzer = PaperSchema.analyzer();
    private volatile LucenePaperIndex current;

    private SharedPaperIndex(Path dir, int dimensions, VectorEncoding encoding) {
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
    public static SharedPaperIndex open(Path dir, int dimensions, VectorEncoding encoding) {
        SharedPaperIndex shared = new SharedPaperIndex(dir, dimensions, encoding);
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
    public synchronized void reopen() {
        LucenePaperIndex old = current;
        old.releaseWriter();
        current = openIndex();
        closeQuietly(old);
    }

    /** Throws when a writable index's files are gone from disk; see {@link LucenePaperIndex#checkOnDisk}. */
    public void checkOnDisk() {
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
    public void optimize() {
        current.optimize();
    }

    @Override
    public int segments() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    @Override
    public void commit(Map<String, String> userData) {
        current.commit(userData);
    }

    @Override
    public Map<String, String> commitData() {
        return current.commitData();
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
