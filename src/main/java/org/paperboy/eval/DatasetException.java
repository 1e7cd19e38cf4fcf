package org.paperboy.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A BEIR dataset file that is missing or malformed. The message starts with {@code file:line: } when
 * the problem is on one line, or {@code file: } when it concerns the whole file.
 */
public final class DatasetException extends IOException {
    private final transient Path file;
    private final long line;

    DatasetException(Path file, long line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    DatasetException(Path file, String reason) {
        this(file, 0, reason);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based physical line at fault, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
