package org.paperboy.search;

import java.nio.file.Path;

/**
 * The index on disk was built with another schema version, vector dimension or vector encoding
 * than asked for. The index is derived data: the fix is to rebuild it ({@code paperboy reindex},
 * which creates it anew).
 */
public final class IncompatibleIndexException extends RuntimeException {
    private final Path directory;

    public IncompatibleIndexException(Path directory, String found, String wanted) {
        super("the search index in " + directory + " was built with " + found + " but " + wanted
                + " is configured; rebuild it with `paperboy reindex`");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
