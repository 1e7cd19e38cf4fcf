package org.paperboy.search;

import java.nio.file.Path;

/**
 * Another process (a running {@code serve}, {@code import} or {@code reindex}) holds the write
 * lock of the search index. Not a failure of the caller's work: the holder indexes what is stored,
 * and the index can still be searched at its last commit.
 */
public final class IndexLockedException extends RuntimeException {
    private final Path directory;

    public IndexLockedException(Path directory, Throwable cause) {
        super("the search index in " + directory + " is being written by another paperboy process", cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
