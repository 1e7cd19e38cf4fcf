package org.paperboy.cli;

import java.nio.file.Path;
import org.paperboy.search.PaperIndex;
import org.paperboy.search.SharedIndex;
import org.paperboy.search.VectorEncoding;

/**
 * Where one process's search index lives: the embedded Lucene index ({@link LuceneBackend}) or a
 * SolrCloud collection ({@link SolrBackend}), chosen by the configuration. {@link Services} hands
 * out what it opens as the search API's interfaces. Not thread-safe: {@link Services} calls it
 * under its own lock. Close it on shutdown.
 */
interface SearchBackend extends AutoCloseable {

    /** The index for writing, created when missing; rebuilt when incompatible, after which {@code rebuilt} runs. */
    PaperIndex index(Runnable rebuilt);

    /**
     * The index for searching only, beside another process writing it; the writable index when
     * this process opened one.
     *
     * @throws java.io.UncheckedIOException when there is no index yet
     */
    PaperIndex readIndex();

    /** The index of a serving process, shared with other processes; refused once it was opened in another way. */
    SharedIndex sharedIndex();

    /** The shared index when this process opened it, else {@link #readIndex()}. */
    PaperIndex forSearch();

    /** The shared index when this process opened it, else {@link #index(Runnable)}. */
    PaperIndex forWriting(Runnable rebuilt);

    /**
     * A new, empty index named after {@code dir} (the embedded index: in it), whatever was there,
     * for {@code dimensions}-dim vectors; the caller closes it.
     */
    PaperIndex scratch(Path dir, int dimensions, VectorEncoding encoding);

    /**
     * Keeps serving processes of other machines from writing the index until closed, after their
     * running pass (a rebuild); the embedded index's own write lock does this, so nothing to hold.
     */
    default Hold holdWrites(java.io.PrintStream err) {
        return () -> {};
    }

    /** Something held until closed. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Points the cluster alias {@code alias} at this index's collection (a rebuild without
     * downtime); answers the collection it named before, or {@code null}.
     *
     * @throws org.paperboy.config.ConfigException for the embedded index, which has no aliases
     */
    default String pointAlias(String alias) {
        throw new org.paperboy.config.ConfigException(
                "--alias needs the SolrCloud backend (PAPERBOY_SOLR_ZK or PAPERBOY_SOLR_URL); the embedded index is "
                        + "rebuilt in place");
    }

    @Override
    void close();
}
