package org.paperboy.search;

/**
 * The index of a long-running process ({@code serve}) that other processes ({@code import},
 * {@code reindex}) may write too: this process writes only while it holds the index's write lock,
 * and otherwise searches what the writer last committed. {@link BackgroundIndexer} drives it.
 * Implementations are thread-safe; searches go on across every switch.
 */
public interface SharedIndex extends PaperIndex {

    /** True while this process may write the index. */
    boolean writable();

    /**
     * Read-only: refreshes to the writer's last commit, then takes the write lock if it is free.
     * Answers whether this process writes the index now.
     */
    boolean tryTakeOver();

    /**
     * Replaces a writer that failed (its storage removed, a full disk): frees its lock and opens
     * the index afresh. Until that succeeds, searches answer from the last state seen.
     *
     * @throws RuntimeException when the index still cannot be opened; call again later
     */
    void reopen();

    /**
     * Throws when a writable index can take no more writes (its files are gone from disk), so that
     * the caller {@link #reopen}s it; does nothing while read-only.
     *
     * @throws java.io.UncheckedIOException saying what is missing
     */
    void checkWritable();

    /**
     * An indexing pass is over: an index that several machines' processes write in turns gives the
     * next turn free. The embedded index keeps its write lock (nothing to do).
     */
    default void endPass() {}
}
