package org.paperboy.ingest;

/** An input that cannot be read at all; the message names the input and the problem. */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
